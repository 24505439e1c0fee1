namespace Lumen.Adapters.LedgerStore;

/// <summary>How hard the ledger store works to survive a power cut.</summary>
public enum LedgerDurability
{
    /// <summary>
    /// The default and the only mode for real runs: every batch is fsync'd before its appends
    /// complete, and the head checkpoint is rewritten (fsync, rename, directory fsync) every
    /// <see cref="FileLedgerStoreOptions.HeadEveryBatches"/> batches or
    /// <see cref="FileLedgerStoreOptions.HeadInterval"/>, whichever comes first.
    /// </summary>
    Fsync,

    /// <summary>
    /// For <c>lumen demo</c> and benchmarks over simulated time only: batches are written to the
    /// file (the OS cache) without fsync, the head checkpoint is rewritten at most every
    /// <see cref="FileLedgerStoreOptions.HeadInterval"/> of the store's clock, and one fsync of the
    /// file and the head happens when the store is closed. The chain and the head are the same as in
    /// <see cref="Fsync"/> mode, so the ledger verifies; only a crash of the machine mid-run could
    /// lose the tail. Never use it where knobs of real services are changed.
    /// </summary>
    Deferred,
}
