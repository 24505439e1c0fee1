using Lumen.Reports.Ledger;

namespace Lumen.Reports.Fleet;

/// <summary>One replica's row of the report's Fleet section, read from its own ledger.</summary>
/// <param name="Ledger">The ledger's path as given.</param>
/// <param name="Replica">The replica named by its <c>coordination.changed</c> entries; null when it has none.</param>
/// <param name="Verification">The verifier's verdict on the ledger.</param>
/// <param name="Entries">Entries in the ledger.</param>
/// <param name="HeldAtEnd">Its claims after its last entry: service → fencing token.</param>
/// <param name="Gained">Claims gained (<c>coordination.changed</c> <c>gained</c> items).</param>
/// <param name="Lost">Claims lost (<c>lost</c> items).</param>
/// <param name="Adopted">Hand-overs taken (<c>coordination.adopted</c> entries).</param>
/// <param name="LastToken">The largest fencing token in its coordination entries; null when none.</param>
/// <param name="Problem">The coordination engine's fault in its last <c>coordination.changed</c>; null when none.</param>
public sealed record ReplicaSummary(
    string Ledger,
    string? Replica,
    LedgerVerification Verification,
    long Entries,
    IReadOnlyDictionary<string, long> HeldAtEnd,
    int Gained,
    int Lost,
    int Adopted,
    long? LastToken,
    string? Problem)
{
    /// <summary>Services still held at the end of this ledger whose newest claim (a larger token) is another ledger's.</summary>
    public int Superseded { get; init; }
}
