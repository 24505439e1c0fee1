using Lumen.Adapters.LedgerStore;

namespace Lumen.Adapters.Tests.LedgerStore;

/// <summary>
/// The real durable I/O that records how many ledger lines each write-and-fsync carried, and can
/// hold the next ledger write (as a slow fsync would) until the test releases it.
/// </summary>
internal sealed class GatedDurableIo : IDurableIo, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<int> _linesPerLedgerWrite = [];
    private readonly List<int> _threadPerLedgerWrite = [];
    private readonly ManualResetEventSlim _release = new(initialState: true);
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lines in each ledger write, in order (each write is followed by one fsync).</summary>
    public IReadOnlyList<int> LinesPerLedgerWrite
    {
        get
        {
            lock (_gate)
            {
                return [.. _linesPerLedgerWrite];
            }
        }
    }

    /// <summary>The managed thread that made each ledger write, in order.</summary>
    public IReadOnlyList<int> ThreadPerLedgerWrite
    {
        get
        {
            lock (_gate)
            {
                return [.. _threadPerLedgerWrite];
            }
        }
    }

    /// <summary>Completes when the held write has started.</summary>
    public Task Held => _held.Task;

    public void HoldNextLedgerWrite()
    {
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release.Reset();
    }

    public void Release() => _release.Set();

    public void WriteDurably(FileStream file, ReadOnlySpan<byte> bytes)
    {
        if (file.Name.EndsWith(".jsonl", StringComparison.Ordinal))
        {
            if (!_release.IsSet)
            {
                _held.TrySetResult();
                _release.Wait(TimeSpan.FromSeconds(30));
            }

            lock (_gate)
            {
                _linesPerLedgerWrite.Add(bytes.Count((byte)'\n'));
                _threadPerLedgerWrite.Add(Environment.CurrentManagedThreadId);
            }
        }

        DurableIo.Instance.WriteDurably(file, bytes);
    }

    public void Truncate(FileStream file, long length) => DurableIo.Instance.Truncate(file, length);

    public void SyncDirectory(string directory) => DurableIo.Instance.SyncDirectory(directory);

    public void Dispose() => _release.Dispose();
}
