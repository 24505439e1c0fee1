namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// A write or fsync of the ledger failed. The store stops appending for good: after a failed
/// fsync the kernel may have dropped the dirty pages, so retrying could silently lose entries
/// ("fsyncgate", PostgreSQL 2018). Restart the process; opening the ledger again repairs a torn tail.
/// </summary>
public sealed class LedgerStoreFaultedException : Exception
{
    public LedgerStoreFaultedException()
    {
    }

    public LedgerStoreFaultedException(string message)
        : base(message)
    {
    }

    public LedgerStoreFaultedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
