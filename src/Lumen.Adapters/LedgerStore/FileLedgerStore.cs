using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// The proof ledger on disk (docs/ledger.md, docs/ledger.md). One writer task sequences entries;
/// concurrent appends queue up and are written as one batch with one fsync (group commit). An
/// append completes only after its batch is durable. A failed write or fsync faults the store for
/// good. The head checkpoint is rewritten atomically every
/// <see cref="FileLedgerStoreOptions.HeadEveryBatches"/> batches, at least every
/// <see cref="FileLedgerStoreOptions.HeadInterval"/> while it lags, and at close. Opening is in
/// <c>FileLedgerStore.Open.cs</c>.
/// </summary>
public sealed partial class FileLedgerStore : ILedgerStore
{
    private readonly FileLedgerStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly IDurableIo _io;
    private readonly FileStream _file;
    private readonly Lock _sync = new();
    private readonly ECDsa? _signingKey;
    private readonly Channel<PendingAppend> _queue =
        Channel.CreateUnbounded<PendingAppend>(); // not SingleReader: that variant cannot Count
    private readonly List<PendingAppend> _batch = new(64);
    private readonly List<PendingAppend> _committed = new(64);
    private readonly LedgerLineWriter _lines = new(OpenSslLineHasher.Create()); // the writer task's only
    private readonly Task _writer;
    // A box, so readers on other threads never see a torn (seq, hash) pair.
    private StrongBox<LedgerPosition> _head;
    private long _durableLength;
    private long _checkpointSeq;
    private DateTimeOffset _lastCheckpoint;
    private DateTimeOffset _lastBatch; // under _sync: when the last batch was durable
    private readonly ITimer _idleTimer;
    private bool _idleTimerArmed; // under _sync
    private int _batchesSinceHead;
    private volatile LedgerStoreFaultedException? _fault;
    private int _disposed;

    private FileLedgerStore(FileLedgerStoreOptions options, TimeProvider time, IDurableIo io, FileStream file,
        ECDsa? signingKey, LedgerPosition head, long checkpointSeq)
    {
        _options = options;
        _time = time;
        _io = io;
        _file = file;
        _signingKey = signingKey;
        _head = new StrongBox<LedgerPosition>(head);
        _durableLength = file.Length;
        _checkpointSeq = checkpointSeq;
        _lastCheckpoint = time.GetUtcNow();
        _lastBatch = _lastCheckpoint;
        _idleTimer = time.CreateTimer(static state => ((FileLedgerStore)state!).OnIdleTimer(), this,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _writer = Task.Run(RunWriterAsync);
    }

    /// <inheritdoc />
    /// <remarks>Includes the complete entries other writers appended since this store's last batch.</remarks>
    public LedgerPosition Head
    {
        get
        {
            CatchUpIfGrown();
            return Volatile.Read(ref _head).Value;
        }
    }

    /// <summary>True once a write or fsync failed; every append throws from then on.</summary>
    public bool IsFaulted => _fault is not null;

    /// <inheritdoc />
    public Task<LedgerEntry> AppendAsync(LedgerDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        cancellationToken.ThrowIfCancellationRequested();
        if (_fault is { } fault)
        {
            throw fault;
        }

        // Canonicalising data here, on the caller's thread, keeps the single writer's batch loop short.
        var pending = new PendingAppend(draft, LedgerCanonical.CanonicalData(draft));
        if (LedgerLineLimit.Check(draft, pending.CanonicalData) is { } tooLong)
        {
            throw new ArgumentException(tooLong, nameof(draft));
        }

        if (!_queue.Writer.TryWrite(pending))
        {
            throw _fault ?? (Exception)new ObjectDisposedException(nameof(FileLedgerStore));
        }

        return pending.Completion.Task;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LedgerEntry> ReadAsync(long fromSeq = 1,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var limit = Volatile.Read(ref _durableLength);
        await using var stream = new FileStream(_options.LedgerPath, FileMode.Open, FileAccess.Read,
            FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, useAsync: false);
        foreach (var line in LedgerLineReader.Read(stream, limit))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!LedgerEntryParser.TryParse(line.Content, out var entry, out var error))
            {
                throw new LedgerCorruptException(_options.LedgerPath,
                    new LedgerVerifyFailure(line.Number, LedgerFaultKind.BadJson, error!));
            }

            if (entry!.Seq >= fromSeq)
            {
                yield return entry;
            }
        }
    }

    /// <summary>Stops accepting appends, writes what is queued, writes the final head, closes the files.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _idleTimer.DisposeAsync().ConfigureAwait(false); // waits for a callback in flight
        if (_options.Durability == LedgerDurability.Deferred && _fault is null)
        {
            // The one fsync of a deferred run: the file, then its directory.
            _file.Flush(flushToDisk: true);
            DurableIo.Instance.SyncDirectory(Path.GetDirectoryName(_options.LedgerPath)!);
        }

        await _file.DisposeAsync().ConfigureAwait(false);
        _lines.Dispose();
        _signingKey?.Dispose();
    }

    private async Task RunWriterAsync()
    {
        try
        {
            await WriteLoopAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A bug in the writer must fail every waiting append, not hang them.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (_fault is { } earlier)
            {
                // The idle checkpoint faulted the store, which completed the queue with that fault.
                _batch.ForEach(pending => pending.Completion.TrySetException(earlier));
            }
            else
            {
                Fault("the ledger writer failed unexpectedly", e, _batch);
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = _batch;
        var entries = new List<LedgerEntry>(64);
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            entries.Clear();
            buffer.ResetWrittenCount();
            while (batch.Count < _options.MaxBatchEntries && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (!WriteBatch(batch, entries, buffer))
            {
                return;
            }
        }

        lock (_sync)
        {
            using var writerLock = TryLock();
            if (writerLock is not null)
            {
                TryCheckpoint();
            }
        }
    }

    /// <summary>
    /// The idle rule: while the head lags the ledger (amortised checkpoints) and no batch was written
    /// for <see cref="FileLedgerStoreOptions.HeadInterval"/> of the store's clock, the head is written,
    /// so an idle ledger's head is never more than that interval stale. The timer is armed once per
    /// interval (not per batch) and re-armed for the rest of the interval while batches keep coming.
    /// </summary>
    private void OnIdleTimer()
    {
        lock (_sync)
        {
            _idleTimerArmed = false;
            if (_fault is not null || _head.Value.Seq == _checkpointSeq)
            {
                return;
            }

            var idle = _time.GetUtcNow() - _lastBatch;
            if (idle < _options.HeadInterval)
            {
                ArmIdleTimer(_options.HeadInterval - idle);
                return;
            }

            using var writerLock = TryLock();
            if (writerLock is null)
            {
                ArmIdleTimer(_options.HeadInterval); // another writer holds the lock: try again later
                return;
            }

            TryCheckpoint();
        }
    }

    private static readonly TimeSpan MinIdleDue = TimeSpan.FromMilliseconds(1);

    /// <summary>Call under <see cref="_sync"/>.</summary>
    private void ArmIdleTimer(TimeSpan dueIn)
    {
        if (!_idleTimerArmed && _disposed == 0)
        {
            _idleTimerArmed = true;
            // At least 1 ms: a due time of zero may run the callback inside Change, on this thread.
            _idleTimer.Change(dueIn < MinIdleDue ? MinIdleDue : dueIn, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// One batch under the inter-process lock: read what other writers appended, sequence after it,
    /// write and fsync, checkpoint. False when the store faulted.
    /// </summary>
    private bool WriteBatch(List<PendingAppend> batch, List<LedgerEntry> entries, ArrayBufferWriter<byte> buffer)
    {
        lock (_sync)
        {
            FileStream writerLock;
            try
            {
                writerLock = LedgerWriterLock.Acquire(_options.LedgerPath, _time);
            }
            catch (IOException e)
            {
                Fault("taking the ledger's lock failed", e, batch);
                return false;
            }

            using (writerLock)
            {
                // One fstat of the open ledger; the file is only re-read when another writer appended.
                if (RandomAccess.GetLength(_file.SafeFileHandle) > _durableLength && !CatchUp(underLock: true))
                {
                    Fault("another writer left a line that does not continue the chain", new IOException(_catchUpFailure), batch);
                    return false;
                }

                var committed = Sequence(batch, entries, buffer);
                try
                {
                    _file.Seek(_durableLength, SeekOrigin.Begin);
                    _io.WriteDurably(_file, buffer.WrittenSpan);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
                {
                    Fault("writing or fsyncing the ledger failed", e, committed);
                    return false;
                }

                Volatile.Write(ref _durableLength, _durableLength + buffer.WrittenCount);
                if (entries.Count > 0)
                {
                    Volatile.Write(ref _head, new StrongBox<LedgerPosition>(new LedgerPosition(entries[^1].Seq, entries[^1].Hash)));
                }

                for (var i = 0; i < committed.Count; i++)
                {
                    committed[i].Completion.TrySetResult(entries[i]);
                }

                // The head is amortised: every HeadEveryBatches group commits in fsync mode, else on the
                // interval (always the rule for deferred durability), and at close; an idle writer
                // catches it up after the interval (OnIdleTimer).
                _lastBatch = _time.GetUtcNow();
                var due = _options.Durability == LedgerDurability.Fsync && ++_batchesSinceHead >= _options.HeadEveryBatches;
                var written = (!due && _lastBatch - _lastCheckpoint < _options.HeadInterval) || TryCheckpoint();
                if (_options.Durability == LedgerDurability.Fsync && _head.Value.Seq != _checkpointSeq)
                {
                    ArmIdleTimer(_options.HeadInterval);
                }

                return written;
            }
        }
    }

    private FileStream? TryLock()
    {
        try
        {
            return LedgerWriterLock.Acquire(_options.LedgerPath, _time);
        }
        catch (IOException)
        {
            return null; // the final head is best effort; the next writer's batch writes it
        }
    }

    /// <summary>Gives each pending append its seq, ts, prev and hash and writes its line into the buffer.</summary>
    private List<PendingAppend> Sequence(List<PendingAppend> batch, List<LedgerEntry> entries, ArrayBufferWriter<byte> buffer)
    {
        var committed = _committed;
        committed.Clear();
        var (seq, prev) = (_head.Value.Seq, _head.Value.Hash);
        var ts = LedgerTime.Normalize(_time.GetUtcNow());
        foreach (var pending in batch)
        {
            string hash;
            try
            {
                hash = _lines.WriteLine(buffer, pending.Draft, pending.CanonicalData.Span, seq + 1, ts, prev);
            }
            catch (ArgumentException e)
            {
                // A draft without a canonical form is the caller's bug; it gets no seq.
                pending.Completion.TrySetException(e);
                continue;
            }

            buffer.Write("\n"u8);
            seq++;
            var draft = pending.Draft;
            entries.Add(LedgerEntry.Of(draft, seq, ts, prev, hash));
            committed.Add(pending);
            prev = hash;
        }

        return committed;
    }

    private bool TryCheckpoint()
    {
        var head = _head.Value;
        if (_fault is not null || head.Seq == _checkpointSeq)
        {
            return _fault is null;
        }

        try
        {
            var now = _time.GetUtcNow();
            var checkpoint = new LedgerCheckpoint(head.Seq, head.Hash, LedgerTime.Normalize(now));
            if (_signingKey is not null)
            {
                checkpoint = LedgerCheckpointSigner.Sign(checkpoint, _signingKey);
            }

            LedgerHeadFile.Write(_io, _options.ResolvedHeadPath, checkpoint);
            _checkpointSeq = checkpoint.Seq;
            _batchesSinceHead = 0;
            _lastCheckpoint = now;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            Fault("writing the head checkpoint failed", e, []);
            return false;
        }
    }

    private void Fault(string what, Exception cause, List<PendingAppend> failed)
    {
        var fault = new LedgerStoreFaultedException(
            $"{_options.LedgerPath}: {what}; the ledger accepts no more appends ({cause.Message})", cause);
        _fault = fault;
        _queue.Writer.TryComplete(fault);
        foreach (var pending in failed)
        {
            pending.Completion.TrySetException(fault);
        }

        while (_queue.Reader.TryRead(out var queued))
        {
            queued.Completion.TrySetException(fault);
        }
    }

    /// <summary>A queued append and its completion, one object per append.</summary>
    private sealed class PendingAppend(LedgerDraft draft, ReadOnlyMemory<byte> canonicalData)
        : TaskCompletionSource<LedgerEntry>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public LedgerDraft Draft { get; } = draft;

        public ReadOnlyMemory<byte> CanonicalData { get; } = canonicalData;

        public TaskCompletionSource<LedgerEntry> Completion => this;
    }
}
