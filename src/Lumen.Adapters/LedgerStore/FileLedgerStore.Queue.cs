using System.Runtime.InteropServices;

namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// Who writes the next batch. One writing turn exists at a time. An append that finds no batch in
/// flight, nothing queued and the last batch alone (appends come one at a time) takes the turn and
/// writes its own one-entry batch on the caller's thread: a lone writer pays one write and one
/// fsync, like a plain program, and no thread hand-offs. Otherwise it is queued, and the writer thread takes everything queued, up to
/// <see cref="FileLedgerStoreOptions.MaxBatchEntries"/>, as soon as the turn is free: appends that
/// arrive during an fsync all share the next one (group commit).
/// </summary>
public sealed partial class FileLedgerStore
{
    private readonly Lock _queueGate = new();
    private readonly SemaphoreSlim _wake = new(0); // released once when the writer thread waits and may proceed
    private readonly ITimer _idleTimer;
    private readonly List<PendingAppend> _incoming = new(64); // guarded by _queueGate
    private bool _closed; // guarded: no more appends are accepted
    private bool _writing; // guarded: a batch (or an idle checkpoint) is being written
    private bool _writerWaiting; // guarded: the writer thread sleeps on _wake
    private bool _idleTimerArmed; // guarded
    private int _lastBatchCount; // guarded: entries in the last batch taken

    private enum Admission
    {
        Refused,
        Queued,
        WriteNow,
    }

    /// <summary>Queues an append, or gives its caller the writing turn when nothing else is in flight.</summary>
    private Admission Admit(PendingAppend pending)
    {
        var wake = false;
        lock (_queueGate)
        {
            if (_closed)
            {
                return Admission.Refused;
            }

            // Only while appends come one at a time: after a shared batch, the appends it released are
            // about to come back, and one written alone would split them into two fsyncs.
            if (!_writing && _incoming.Count == 0 && _lastBatchCount <= 1)
            {
                _writing = true;
                _lastBatchCount = 1;
                return Admission.WriteNow;
            }

            _incoming.Add(pending);
            wake = !_writing && TakeWaiter();
        }

        if (wake)
        {
            _wake.Release();
        }

        return Admission.Queued;
    }

    /// <summary>The caller's own one-entry batch (it holds the writing turn); its task is complete on return.</summary>
    private void WriteOwnBatch(PendingAppend pending)
    {
        _inline.Clear();
        _inline.Add(pending);
        try
        {
            WriteBatch(_inline);
        }
#pragma warning disable CA1031 // As on the writer thread: a bug must fail the append, not leave the turn taken.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fault("the ledger writer failed unexpectedly", e, _inline);
        }
        finally
        {
            EndTurn();
        }
    }

    /// <summary>Gives the writing turn back; wakes the writer thread if appends queued meanwhile or the store closed.</summary>
    private void EndTurn()
    {
        var wake = false;
        lock (_queueGate)
        {
            _writing = false;
            if (_incoming.Count > 0 || _closed)
            {
                wake = TakeWaiter();
            }
            else if (IsHeadLagging() && !_idleTimerArmed)
            {
                // The idle rule needs the writer thread to wake up after a quiet interval.
                _idleTimerArmed = true;
                _idleTimer.Change(_options.HeadInterval, Timeout.InfiniteTimeSpan);
            }
        }

        if (wake)
        {
            _wake.Release();
        }
    }

    /// <summary>Stops accepting appends; returns what was queued and not yet taken (the writer drains it unless the store faulted).</summary>
    private List<PendingAppend> CloseQueue()
    {
        List<PendingAppend> left = [];
        var wake = false;
        lock (_queueGate)
        {
            _closed = true;
            if (_fault is not null)
            {
                left.AddRange(_incoming);
                _incoming.Clear();
            }

            wake = TakeWaiter();
        }

        if (wake)
        {
            _wake.Release();
        }

        return left;
    }

    private void OnIdleTimer()
    {
        bool wake;
        lock (_queueGate)
        {
            _idleTimerArmed = false;
            wake = TakeWaiter();
        }

        if (wake)
        {
            _wake.Release();
        }
    }

    /// <summary>True when the writer thread was waiting; it is no longer counted as such (one release per wait). Call under <see cref="_queueGate"/>.</summary>
    private bool TakeWaiter()
    {
        var waiting = _writerWaiting;
        _writerWaiting = false;
        return waiting;
    }

    private bool IsHeadLagging() =>
        _options.Durability == LedgerDurability.Fsync && Volatile.Read(ref _head).Value.Seq != Volatile.Read(ref _checkpointSeq);

    /// <summary>
    /// On the writer thread: waits for the writing turn and queued appends and moves them into
    /// <paramref name="batch"/>. While the head lags the ledger (amortised checkpoints) and no batch
    /// was written for <see cref="FileLedgerStoreOptions.HeadInterval"/> of the store's clock, the
    /// head is written first, so an idle ledger's head is never more than that interval stale. False
    /// when the store is closed and drained, or faulted.
    /// </summary>
    private bool TakeBatch(List<PendingAppend> batch)
    {
        batch.Clear();
        while (true)
        {
            var checkpointNow = false;
            lock (_queueGate)
            {
                if (_fault is not null)
                {
                    return false;
                }

                if (!_writing)
                {
                    if (_incoming.Count > 0)
                    {
                        var count = Math.Min(_incoming.Count, _options.MaxBatchEntries);
                        batch.AddRange(CollectionsMarshal.AsSpan(_incoming)[..count]);
                        _incoming.RemoveRange(0, count);
                        _writing = true;
                        _lastBatchCount = count;
                        return true;
                    }

                    if (_closed)
                    {
                        return false;
                    }

                    if (IsHeadLagging())
                    {
                        var idle = _time.GetUtcNow().UtcTicks - Volatile.Read(ref _lastBatchTicks);
                        if (idle >= _options.HeadInterval.Ticks)
                        {
                            checkpointNow = true;
                            _writing = true;
                        }
                        else if (!_idleTimerArmed)
                        {
                            _idleTimerArmed = true;
                            _idleTimer.Change(TimeSpan.FromTicks(_options.HeadInterval.Ticks - idle), Timeout.InfiniteTimeSpan);
                        }
                    }
                }

                _writerWaiting = !checkpointNow;
            }

            if (checkpointNow)
            {
                var written = CheckpointWhileIdle();
                EndTurn();
                if (!written)
                {
                    return false;
                }

                continue;
            }

            _wake.Wait();
        }
    }
}
