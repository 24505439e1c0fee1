using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// The proof ledger on disk (docs/ledger.md). Appends queue up and one drainer at a time writes
/// everything queued as one batch with one fsync (group commit). The drainer is the appending
/// thread itself when nothing else was being written (a lone writer pays no thread hand-off), and a
/// thread-pool item while appends keep arriving. An append completes only after its batch is
/// durable; a batch's other appends are completed together on one pool thread, in order, so the
/// drainer never runs callers' code. A failed write or fsync faults the store for good. The head checkpoint is rewritten atomically every
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
    // The queue: appends wait here for the drainer. Everything below up to _lines is under _queueLock.
    private readonly Lock _queueLock = new();
    private List<PendingAppend> _queued = new(64);
    private bool _draining; // someone is (or is about to be) writing what is queued
    private bool _closed; // disposed or faulted: no more appends
    private int _completionsRunning; // batches whose completions a pool thread is still running
    // The pool drainer runs a batch's completions itself, watched (CompletionWait): if the callers'
    // code there takes longer (it may block), ownership of the drain passes to a new pool drainer.
    private int _drainOwner; // under _queueLock: bumped when a watched drainer is replaced
    private bool _completingInline; // under _queueLock: the current owner is running callers' code
    private long _completingSince; // under _queueLock: when it started (Stopwatch timestamp)
    private bool _watchdogArmed; // under _queueLock
    private readonly Timer _watchdog;
    private TaskCompletionSource? _drained; // disposal waits for the drainer through this
    // The drainer's own (one drainer at a time).
    private List<PendingAppend> _batch = new(64);
    private readonly List<PendingAppend> _committed = new(64);
    private readonly List<LedgerEntry> _entries = new(64);
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly LedgerLineWriter _lines = new(OpenSslLineHasher.Create());
    // Not spinning: the drainer waits while completions use the cores.
    private readonly ManualResetEventSlim _completionsDone = new(initialState: true, spinCount: 0);

    // Set on a pool thread while it runs a batch's completions for this store: appends made there are
    // queued, never written on the spot, so the batch's callers share the next group commit.
    [ThreadStatic]
    private static FileLedgerStore? t_completing;
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
        // Real time, not the store's clock: it bounds how long a thread may hold the drain.
        _watchdog = new Timer(static state => ((FileLedgerStore)state!).OnWatchdog(), this, Timeout.Infinite, Timeout.Infinite);
        _idleTimer = time.CreateTimer(static state => ((FileLedgerStore)state!).OnIdleTimer(), this,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
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
    /// <remarks>
    /// When nothing is being written, the calling thread writes and fsyncs the entry itself and the
    /// task is complete on return; otherwise the entry waits for the current drainer's next batch.
    /// </remarks>
    public Task<LedgerEntry> AppendAsync(LedgerDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = Prepare(draft);
        Enqueue([pending]);
        return pending.Task;
    }

    /// <summary>
    /// Queues independent entries together, in the order given, so that they share one group commit
    /// (up to <see cref="FileLedgerStoreOptions.MaxBatchEntries"/> a batch) where appending them one by
    /// one could write the first alone. A draft that cannot be written gets a faulted task; the others
    /// are still appended.
    /// </summary>
    public IReadOnlyList<Task<LedgerEntry>> AppendAll(IReadOnlyList<LedgerDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        cancellationToken.ThrowIfCancellationRequested();
        var tasks = new Task<LedgerEntry>[drafts.Count];
        var pendings = new List<PendingAppend>(drafts.Count);
        for (var i = 0; i < drafts.Count; i++)
        {
            try
            {
                var pending = Prepare(drafts[i]);
                pendings.Add(pending);
                tasks[i] = pending.Task;
            }
            catch (Exception e) when (e is ArgumentException or LedgerStoreFaultedException or ObjectDisposedException)
            {
                tasks[i] = Task.FromException<LedgerEntry>(e);
            }
        }

        if (pendings.Count > 0)
        {
            try
            {
                Enqueue(CollectionsMarshal.AsSpan(pendings));
            }
            catch (Exception e) when (e is LedgerStoreFaultedException or ObjectDisposedException)
            {
                for (var i = 0; i < tasks.Length; i++)
                {
                    tasks[i] = tasks[i].IsCompleted ? tasks[i] : Task.FromException<LedgerEntry>(e);
                }
            }
        }

        return tasks;
    }

    private PendingAppend Prepare(LedgerDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (_fault is { } fault)
        {
            throw fault;
        }

        // Canonicalising data here, on the caller's thread, keeps the drainer's batch loop short.
        var pending = new PendingAppend(draft, LedgerCanonical.CanonicalData(draft));
        if (LedgerLineLimit.Check(draft, pending.CanonicalData) is { } tooLong)
        {
            throw new ArgumentException(tooLong, nameof(draft));
        }

        return pending;
    }

    /// <summary>
    /// Queues the caller's appends. If no one is draining, the caller drains on its own thread until
    /// its appends are durable and hands whatever else is queued to a pool thread; on a thread that is
    /// running a batch's completions, a pool thread drains instead, once those completions are done.
    /// </summary>
    private void Enqueue(ReadOnlySpan<PendingAppend> own)
    {
        bool lead;
        lock (_queueLock)
        {
            if (_closed)
            {
                throw _fault ?? (Exception)new ObjectDisposedException(nameof(FileLedgerStore));
            }

            _queued.AddRange(own);
            lead = !_draining;
            _draining = true;
        }

        if (!lead)
        {
            return;
        }

        if (t_completing == this)
        {
            StartPoolDrainer();
            return;
        }

        foreach (var pending in own)
        {
            pending.CompleteInline = true; // its task has not been returned: no continuation can run here
        }

        Drain(until: own[^1]);
    }

    private void StartPoolDrainer() =>
        ThreadPool.UnsafeQueueUserWorkItem(static store => store.Drain(until: null), this, preferLocal: false);

    /// <summary>
    /// The drainer: writes queued batches until the queue is empty (a pool drainer) or until
    /// <paramref name="until"/> has its outcome (a caller draining its own appends), then either
    /// stops draining or hands the rest to a pool thread. Only one drainer owns the queue at a time (a
    /// replaced one may still be finishing its completions, but touches nothing of the drain).
    /// </summary>
    private void Drain(PendingAppend? until)
    {
        try
        {
            while (until is null || !until.HasOutcome)
            {
                if (until is null && Volatile.Read(ref _completionsRunning) > 0)
                {
                    // The previous batch's callers are being completed and most will append again: wait
                    // (briefly: a caller may block) so that they share this batch instead of the next.
                    _completionsDone.Wait(_options.CompletionWait);
                }

                if (!TakeBatch())
                {
                    return;
                }

                var written = WriteBatchLocked(_batch);
                if (until is null)
                {
                    if (!CompleteOnDrainer(_batch))
                    {
                        return; // replaced while the callers' code ran: the new drainer owns the queue
                    }
                }
                else
                {
                    Complete(_batch);
                }

                if (!written)
                {
                    lock (_queueLock)
                    {
                        StopDraining(); // faulted: the queue is closed and empty
                    }

                    return;
                }
            }

            lock (_queueLock)
            {
                if (_queued.Count > 0)
                {
                    StartPoolDrainer(); // still draining: a pool thread takes over
                    return;
                }

                StopDraining();
            }
        }
#pragma warning disable CA1031 // A bug in the drainer must fail every waiting append, not hang them.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (_fault is { } earlier)
            {
                Fail(_batch, earlier);
            }
            else
            {
                Fault("the ledger writer failed unexpectedly", e, _batch);
            }

            Complete(_batch);
            lock (_queueLock)
            {
                StopDraining();
            }
        }
    }

    /// <summary>Moves up to MaxBatchEntries queued appends into <see cref="_batch"/>; false (draining stopped) when none are queued.</summary>
    private bool TakeBatch()
    {
        lock (_queueLock)
        {
            if (_queued.Count == 0)
            {
                StopDraining();
                return false;
            }

            _batch.Clear();
            if (_queued.Count <= _options.MaxBatchEntries)
            {
                (_batch, _queued) = (_queued, _batch);
            }
            else
            {
                _batch.AddRange(_queued.GetRange(0, _options.MaxBatchEntries));
                _queued.RemoveRange(0, _options.MaxBatchEntries);
            }

            return true;
        }
    }

    /// <summary>Call under <see cref="_queueLock"/>.</summary>
    private void StopDraining()
    {
        _draining = false;
        _drained?.TrySetResult();
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

        Task? drained = null;
        lock (_queueLock)
        {
            _closed = true;
            if (_draining)
            {
                _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                drained = _drained.Task;
            }
        }

        if (drained is not null)
        {
            await drained.ConfigureAwait(false);
        }

        lock (_sync)
        {
            using var writerLock = TryLock();
            if (writerLock is not null)
            {
                TryCheckpoint();
            }
        }

        await _idleTimer.DisposeAsync().ConfigureAwait(false); // waits for a callback in flight
        await _watchdog.DisposeAsync().ConfigureAwait(false);
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
    /// The pool drainer completes the batch's appends itself, in order: their continuations run here,
    /// and the appends they make are queued for the next batch, which this thread writes next (no
    /// thread is woken between two batches). The callers' code may block, so it runs watched: after
    /// <see cref="FileLedgerStoreOptions.CompletionWait"/> a new pool drainer takes the queue over
    /// (<see cref="OnWatchdog"/>). Returns false when that happened: this thread then owns nothing.
    /// </summary>
    private bool CompleteOnDrainer(List<PendingAppend> batch)
    {
        // The batch list is the drainer's and a replacement would reuse it: complete from a copy.
        var pendings = new PendingAppend[batch.Count];
        var count = 0;
        foreach (var pending in batch)
        {
            if (pending.HasOutcome)
            {
                pendings[count++] = pending;
            }
        }

        if (count == 0)
        {
            return true;
        }

        int owner;
        lock (_queueLock)
        {
            owner = _drainOwner;
            _completingInline = true;
            _completingSince = Stopwatch.GetTimestamp();
            if (!_watchdogArmed && Volatile.Read(ref _disposed) == 0)
            {
                _watchdogArmed = true;
                _watchdog.Change(_options.CompletionWait, Timeout.InfiniteTimeSpan);
            }
        }

        var outer = t_completing;
        t_completing = this;
        try
        {
            for (var i = 0; i < count; i++)
            {
                pendings[i].Complete();
            }
        }
        finally
        {
            t_completing = outer;
        }

        lock (_queueLock)
        {
            if (_drainOwner != owner)
            {
                return false;
            }

            _completingInline = false;
            return true;
        }
    }

    /// <summary>
    /// While the drainer runs callers' code: once it has done so for <see cref="FileLedgerStoreOptions.CompletionWait"/>,
    /// a new pool drainer takes over the queue (the old one finishes its completions and stops), so a
    /// continuation that blocks, even on another append, never stalls the ledger.
    /// </summary>
    private void OnWatchdog()
    {
        lock (_queueLock)
        {
            _watchdogArmed = false;
            if (!_completingInline)
            {
                return;
            }

            var left = _options.CompletionWait - Stopwatch.GetElapsedTime(_completingSince);
            if (left > TimeSpan.Zero && Volatile.Read(ref _disposed) == 0)
            {
                _watchdogArmed = true;
                _watchdog.Change(left, Timeout.InfiniteTimeSpan);
                return;
            }

            _drainOwner++;
            _completingInline = false;
        }

        StartPoolDrainer();
    }

    private bool WriteBatchLocked(List<PendingAppend> batch)
    {
        var (entries, buffer) = (_entries, _buffer);
        entries.Clear();
        buffer.ResetWrittenCount();
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
                    committed[i].Entry = entries[i];
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
                pending.Error = e;
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

    /// <summary>
    /// Faults the store: <paramref name="failed"/> (the batch in hand) and everything queued fail
    /// with the fault (their tasks complete when the batch's completions run), and no append is
    /// accepted from then on.
    /// </summary>
    private void Fault(string what, Exception cause, List<PendingAppend> failed)
    {
        var fault = new LedgerStoreFaultedException(
            $"{_options.LedgerPath}: {what}; the ledger accepts no more appends ({cause.Message})", cause);
        _fault = fault;
        List<PendingAppend> queued;
        lock (_queueLock)
        {
            _closed = true;
            queued = [.. _queued];
            _queued.Clear();
        }

        Fail(failed, fault);
        Fail(queued, fault);
        Complete(queued);
    }

    private static void Fail(List<PendingAppend> pendings, Exception error)
    {
        foreach (var pending in pendings)
        {
            if (!pending.HasOutcome)
            {
                pending.Error = error;
            }
        }
    }

    /// <summary>
    /// Completes the appends that have their outcome, for a caller draining its own appends (and
    /// after a fault): the caller's own on the spot (no continuation can be attached yet), the others
    /// on pool threads in runs, each run in order. Their continuations run there, in series within a
    /// run, never on the draining caller's thread; appends they make are queued for the next batch,
    /// which a pool drainer writes once they are done (or after a short wait). A pool drainer
    /// completes its batches itself instead (<see cref="CompleteOnDrainer"/>).
    /// </summary>
    private void Complete(List<PendingAppend> batch)
    {
        PendingAppend[]? others = null;
        var count = 0;
        foreach (var pending in batch)
        {
            if (!pending.HasOutcome)
            {
                continue;
            }

            if (pending.CompleteInline)
            {
                pending.Complete();
            }
            else
            {
                others ??= new PendingAppend[batch.Count];
                others[count++] = pending;
            }
        }

        if (others is null)
        {
            return;
        }

        // In runs of at least CompletionRun, one per core at most: the callers' code gets the cores
        // while the drainer waits for it, and no pool thread is woken for a handful of completions.
        var runs = Math.Clamp(count / CompletionRun, 1, Environment.ProcessorCount);
        if (Interlocked.Add(ref _completionsRunning, runs) == runs)
        {
            _completionsDone.Reset();
        }

        for (var r = 0; r < runs; r++)
        {
            var (from, to) = (count * r / runs, count * (r + 1) / runs);
            ThreadPool.UnsafeQueueUserWorkItem(new BatchCompletion(this, others, from, to), preferLocal: false);
        }
    }

    private const int CompletionRun = 16;

    /// <summary>A run of one batch's completions, in order, on a pool thread.</summary>
    private sealed class BatchCompletion(FileLedgerStore store, PendingAppend[] pendings, int from, int to) : IThreadPoolWorkItem
    {
        public void Execute()
        {
            var outer = t_completing;
            t_completing = store;
            try
            {
                for (var i = from; i < to; i++)
                {
                    pendings[i].Complete();
                }
            }
            finally
            {
                t_completing = outer;
                if (Interlocked.Decrement(ref store._completionsRunning) == 0)
                {
                    store._completionsDone.Set();
                }
            }
        }
    }

    /// <summary>
    /// A queued append, one object per append: its draft, its outcome (set by the drainer) and its
    /// task. Continuations run synchronously when it completes, which happens only where
    /// <see cref="Complete(List{PendingAppend})"/> allows.
    /// </summary>
    private sealed class PendingAppend(LedgerDraft draft, ReadOnlyMemory<byte> canonicalData)
        : TaskCompletionSource<LedgerEntry>(TaskCreationOptions.None)
    {
        public LedgerDraft Draft { get; } = draft;

        public ReadOnlyMemory<byte> CanonicalData { get; } = canonicalData;

        /// <summary>The appending caller drains this one itself and completes it before returning its task.</summary>
        public bool CompleteInline { get; set; }

        public LedgerEntry? Entry { get; set; }

        public Exception? Error { get; set; }

        public bool HasOutcome => Entry is not null || Error is not null;

        public void Complete()
        {
            if (Error is { } error)
            {
                TrySetException(error);
            }
            else
            {
                TrySetResult(Entry!);
            }
        }
    }
}
