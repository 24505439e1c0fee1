namespace Lumen.Core.Ledger;

/// <summary>The first thing wrong with a ledger: the 1-based line number and why.</summary>
/// <param name="Line">1-based line of the ledger file (for a truncation: the first missing line; 0 for the head file).</param>
public sealed record LedgerVerifyFailure(long Line, LedgerFaultKind Kind, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"line {Line}: {Reason}" : Reason;
}
