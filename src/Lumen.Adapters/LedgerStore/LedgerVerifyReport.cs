using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>The outcome of verifying a ledger file: valid entries before the first failure, if any.</summary>
public sealed record LedgerVerifyReport(long Entries, LedgerPosition Last, long Bytes, LedgerVerifyFailure? Failure)
{
    /// <summary>True when the whole ledger (and the checkpoint, if given) checked out.</summary>
    public bool IsValid => Failure is null;
}
