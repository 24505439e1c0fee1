namespace Lumen.Cli.Live;

/// <summary>
/// Open-loop traffic on loopback only: GET /api/order on each instance at the <see cref="DailyRhythm"/>'s rate,
/// paced every 100 ms. Bounded: at most <see cref="MaxInFlight"/> requests per instance are in flight
/// (requests due beyond that are dropped and counted, so a slow service cannot make it pile up), and it
/// stops when disposed.
/// </summary>
internal sealed class RhythmLoad : IAsyncDisposable
{
    public const int MaxInFlight = 64;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly TimeProvider _time;
    private readonly Task _running;
    private long _sent;
    private long _dropped;
    private long _failed;

    public RhythmLoad(IReadOnlyList<Uri> instances, DailyRhythm rhythm, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (instances.Any(u => !u.IsLoopback))
        {
            throw new ArgumentException("the load generator only targets loopback", nameof(instances));
        }

        Rhythm = rhythm;
        _time = time;
        Started = time.GetTimestamp();
        _running = Task.WhenAll(instances.Select(u => RunAsync(new Uri(u, "api/order"))));
    }

    public DailyRhythm Rhythm { get; }

    private long Started { get; }

    public TimeSpan Elapsed => _time.GetElapsedTime(Started);

    /// <summary>The target rate now, per instance.</summary>
    public double CurrentRate => Rhythm.RateAt(Elapsed);

    public long Sent => Interlocked.Read(ref _sent);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Requests that got no HTTP answer (refused, timed out). 5xx answers are the service's errors and count as sent.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    private async Task RunAsync(Uri url)
    {
        using var slots = new SemaphoreSlim(MaxInFlight);
        var issued = 0L;
        var inFlight = new List<Task>();
        using var timer = new PeriodicTimer(Pace, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var due = (long)Rhythm.RequestsBy(Elapsed);
                for (; issued < due; issued++)
                {
                    if (!slots.Wait(0))
                    {
                        Interlocked.Increment(ref _dropped);
                        continue;
                    }

                    inFlight.Add(SendAsync(url, slots));
                }

                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopping.
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private async Task SendAsync(Uri url, SemaphoreSlim slots)
    {
        try
        {
            using var response = await _http.GetAsync(url, _stop.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            if (!_stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failed);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        _http.Dispose();
        _stop.Dispose();
    }
}
