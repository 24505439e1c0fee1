using System.Runtime.InteropServices;

namespace Lumen.Cli.Live;

/// <summary>
/// Turns Ctrl-C, SIGINT, SIGTERM and SIGQUIT into a graceful stop (the tick in progress finishes, every
/// child is stopped, the outputs are written), and a second signal, or the process exiting anyway,
/// into killing the children at once, so no Prometheus or demo service outlives <c>lumen demo --live</c>.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Action _killNow;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    public StopSignals(CancellationToken outer, Action killNow)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _killNow = killNow;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }

        Console.CancelKeyPress += OnCancelKeyPress;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Cancelled on the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The signal that asked to stop, if any (for the summary).</summary>
    public string? Received { get; private set; }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Stop(context.Signal.ToString());
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Stop("Ctrl-C");
    }

    private void OnProcessExit(object? sender, EventArgs e) => _killNow();

    private void Stop(string signal)
    {
        Received ??= signal;
        if (Interlocked.Increment(ref _signals) > 1)
        {
            // Asked twice: do not wait for the tick.
            _killNow();
        }

        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }
}
