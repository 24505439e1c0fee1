using System.Text.Json;

namespace Lumen.Core.Ledger;

/// <summary>
/// One line of <c>proof_ledger.jsonl</c> (docs/ledger.md). <see cref="Hash"/> is the SHA-256 of the
/// canonical form without <c>hash</c> (<see cref="LedgerCanonical"/>); <see cref="Prev"/> is the
/// previous entry's hash, or <see cref="LedgerHash.Genesis"/> for the first entry.
/// </summary>
/// <remarks>
/// <see cref="Data"/> is a JSON object detached from any parser buffer. Record equality compares
/// it by reference; compare entries by <see cref="Hash"/> instead.
/// </remarks>
public sealed record LedgerEntry(
    long Seq,
    DateTimeOffset Ts,
    string Kind,
    string? Stage,
    string? Service,
    string Actor,
    JsonElement Data,
    string Prev,
    string Hash)
{
    /// <summary>An entry whose data was written in canonical form (<see cref="CanonicalDataWriter"/>); <see cref="Data"/> is parsed from it only when read.</summary>
    public LedgerEntry(long seq, DateTimeOffset ts, string kind, string? stage, string? service, string actor, CanonicalData data,
        string prev, string hash)
        : this(seq, ts, kind, stage, service, actor, default(JsonElement), prev, hash)
    {
        ArgumentNullException.ThrowIfNull(data);
        Canonical = data;
    }

    /// <summary>The data object (parsed from <see cref="Canonical"/> on first read when the entry was made from it).</summary>
    public JsonElement Data
    {
        get => Canonical?.Element ?? field;
        init
        {
            field = value;
            Canonical = null;
        }
    } = Data;

    /// <summary>The data's canonical bytes when the entry was appended from them, else null.</summary>
    public CanonicalData? Canonical { get; private init; }

    /// <summary>An entry sealed from <paramref name="draft"/>: its data as the draft holds it (canonical bytes stay unparsed).</summary>
    public static LedgerEntry Of(LedgerDraft draft, long seq, DateTimeOffset ts, string prev, string hash)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return draft.Canonical is { } canonical
            ? new LedgerEntry(seq, ts, draft.Kind, draft.Stage, draft.Service, draft.Actor, canonical, prev, hash)
            : new LedgerEntry(seq, ts, draft.Kind, draft.Stage, draft.Service, draft.Actor, draft.Data, prev, hash);
    }
}
