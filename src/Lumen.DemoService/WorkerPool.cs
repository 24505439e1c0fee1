namespace Lumen.DemoService;

/// <summary>
/// The <c>concurrency_limit</c> workers: at most <see cref="Limit"/> requests run, the rest wait in
/// FIFO order. Unlike SemaphoreSlim the limit can shrink while requests run (the excess drains as they
/// finish), which is what changing the knob on a live service means.
/// </summary>
public sealed class WorkerPool(int limit)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private int _busy;
    private int _limit = limit;

    public int Limit
    {
        get { lock (_gate) { return _limit; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            lock (_gate)
            {
                _limit = value;
                Wake();
            }
        }
    }

    public int Busy
    {
        get { lock (_gate) { return _busy; } }
    }

    /// <summary>Waits for a worker; false when <paramref name="cancellationToken"/> fires first (the request's deadline).</summary>
    public async Task<bool> EnterAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource tcs;
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            if (_busy < _limit && _waiting.Count == 0)
            {
                _busy++;
                return true;
            }

            tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast(tcs);
        }

        using (cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (node.List is not null)
                {
                    _waiting.Remove(node);
                    tcs.TrySetCanceled();
                }
            }
        }))
        {
            try
            {
                await tcs.Task.ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    public void Exit()
    {
        lock (_gate)
        {
            _busy--;
            Wake();
        }
    }

    private void Wake()
    {
        while (_busy < _limit && _waiting.First is { } first)
        {
            _waiting.RemoveFirst();
            _busy++;
            first.Value.TrySetResult();
        }
    }
}
