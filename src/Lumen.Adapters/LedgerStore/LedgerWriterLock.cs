namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// The inter-process lock every writer of a ledger holds while it appends (and while it opens and
/// repairs): an exclusive advisory lock (flock, taken by <see cref="FileShare.None"/> on Unix) on
/// <c>proof_ledger.jsonl.lock</c>. It is held for one batch only, so several processes (the loop,
/// <c>lumen canary check</c>, <c>lumen approve</c>) may append to one ledger: each re-reads what the
/// others appended before it writes (docs/ledger.md, "Several writers").
/// </summary>
internal static class LedgerWriterLock
{
    /// <summary>How long a writer waits for another's batch before giving up.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static FileStream Acquire(string ledgerPath, TimeProvider time)
    {
        var started = time.GetTimestamp();
        var pause = 1;
        while (true)
        {
            try
            {
                return new FileStream(ledgerPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (time.GetElapsedTime(started) < Timeout)
            {
                _ = e; // held by another writer's batch: wait a little and retry
            }
            catch (IOException e)
            {
                throw new IOException($"{ledgerPath}: another process has held the ledger's lock for over {Timeout.TotalSeconds:0} s ({e.Message})", e);
            }

            Thread.Sleep(pause);
            pause = Math.Min(pause * 2, 50);
        }
    }
}
