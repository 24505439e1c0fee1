namespace Lumen.Runtime.Crash;

/// <summary>The places <c>LUMEN_CRASH_AT</c> can stop the process (a test hook, docs/loop.md).</summary>
public enum CrashPoint
{
    /// <summary>The intent is durable; the executor has not been called.</summary>
    BeforeApply,

    /// <summary>The executor's set returned; nothing was read back or written.</summary>
    AfterApply,

    /// <summary>The value was read back; the outcome (applied/failed) is not yet in the ledger.</summary>
    BeforeLedgerOutcome,

    /// <summary>A restore is due; the executor has not been called.</summary>
    BeforeRollback,

    /// <summary>The restore's set returned; the outcome (expired/rolled_back) is not yet in the ledger.</summary>
    AfterRollback,
}
