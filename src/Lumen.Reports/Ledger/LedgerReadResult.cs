using Lumen.Core.Ledger;

namespace Lumen.Reports.Ledger;

/// <summary>The entries of a ledger file, or why they could not be read.</summary>
public sealed record LedgerReadResult(IReadOnlyList<LedgerEntry> Entries, string? Error)
{
    public bool IsOk => Error is null;

    public static LedgerReadResult Ok(IReadOnlyList<LedgerEntry> entries) => new(entries, null);

    public static LedgerReadResult Fail(string error) => new([], error);
}
