using System.Text.Json;

namespace Lumen.Core.Ledger;

/// <summary>
/// What a caller asks the ledger to record. The store adds <c>seq</c>, <c>ts</c>, <c>prev</c> and
/// <c>hash</c> when it sequences the entry. <see cref="Data"/> must be a JSON object
/// (use <see cref="LedgerData"/> to make one).
/// </summary>
public sealed record LedgerDraft(string Kind, string? Stage, string? Service, string Actor, JsonElement Data)
{
    /// <summary>A draft with an empty <c>data</c> object.</summary>
    public LedgerDraft(string kind, string? stage, string? service, string actor)
        : this(kind, stage, service, actor, LedgerData.Empty)
    {
    }
}
