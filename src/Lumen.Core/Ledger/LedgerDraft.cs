using System.Text.Json;

namespace Lumen.Core.Ledger;

/// <summary>
/// What a caller asks the ledger to record. The store adds <c>seq</c>, <c>ts</c>, <c>prev</c> and
/// <c>hash</c> when it sequences the entry. <see cref="Data"/> must be a JSON object
/// (use <see cref="LedgerData"/> to make one, or <see cref="CanonicalDataWriter"/> for data already
/// in canonical form, which the store then writes without re-encoding it).
/// </summary>
public sealed record LedgerDraft(string Kind, string? Stage, string? Service, string Actor, JsonElement Data)
{
    /// <summary>A draft with an empty <c>data</c> object.</summary>
    public LedgerDraft(string kind, string? stage, string? service, string actor)
        : this(kind, stage, service, actor, LedgerData.Empty)
    {
    }

    /// <summary>A draft whose data is already canonical; <see cref="Data"/> is parsed from it only when read.</summary>
    public LedgerDraft(string kind, string? stage, string? service, string actor, CanonicalData data)
        : this(kind, stage, service, actor, default(JsonElement))
    {
        ArgumentNullException.ThrowIfNull(data);
        Canonical = data;
    }

    /// <summary>The data object (parsed from <see cref="Canonical"/> on first read when the draft was made from it).</summary>
    public JsonElement Data
    {
        get => Canonical?.Element ?? field;
        init
        {
            field = value;
            Canonical = null;
        }
    } = Data;

    /// <summary>The data's canonical bytes when the caller wrote them (<see cref="CanonicalDataWriter"/>), else null.</summary>
    public CanonicalData? Canonical { get; private init; }
}
