namespace Lumen.Core.Ledger;

/// <summary>
/// The port to the proof ledger (docs/ledger.md). One writer per ledger. An append's task completes
/// only after the entry is durable; once a write fails the store is faulted and every later
/// append throws. The file implementation lives in Lumen.Adapters/LedgerStore.
/// </summary>
public interface ILedgerStore : IAsyncDisposable
{
    /// <summary>The last durable entry (seq 0 when the ledger is empty).</summary>
    LedgerPosition Head { get; }

    /// <summary>
    /// Sequences, writes and fsyncs one entry; completes with the sealed entry once it is durable.
    /// Cancellation is honoured only before the entry is queued: after that it may already be on disk.
    /// </summary>
    Task<LedgerEntry> AppendAsync(LedgerDraft draft, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends entries that do not depend on one another, sequenced in the order given, so that a
    /// store with group commit can write them together (one fsync for the lot, where appending one
    /// at a time may write the first alone). One task per draft, in order; a draft that cannot be
    /// appended gets a faulted task and the others are still appended. By default, one
    /// <see cref="AppendAsync"/> each.
    /// </summary>
    IReadOnlyList<Task<LedgerEntry>> AppendAll(IReadOnlyList<LedgerDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var tasks = new Task<LedgerEntry>[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            try
            {
                tasks[i] = AppendAsync(drafts[i], cancellationToken);
            }
#pragma warning disable CA1031 // Each draft's failure belongs to its own task.
            catch (Exception e)
#pragma warning restore CA1031
            {
                tasks[i] = Task.FromException<LedgerEntry>(e);
            }
        }

        return tasks;
    }

    /// <summary>Every durable entry from <paramref name="fromSeq"/> on, in order (to rebuild state).</summary>
    IAsyncEnumerable<LedgerEntry> ReadAsync(long fromSeq = 1, CancellationToken cancellationToken = default);
}
