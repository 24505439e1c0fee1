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

    /// <summary>Every durable entry from <paramref name="fromSeq"/> on, in order (to rebuild state).</summary>
    IAsyncEnumerable<LedgerEntry> ReadAsync(long fromSeq = 1, CancellationToken cancellationToken = default);
}
