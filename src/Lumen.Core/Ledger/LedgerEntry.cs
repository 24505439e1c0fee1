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
    string Hash);
