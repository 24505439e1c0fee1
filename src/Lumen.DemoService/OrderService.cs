using System.Diagnostics;

namespace Lumen.DemoService;

/// <summary>Serves one <c>/api/order</c>: wait for a worker, work for the model's service time, answer;
/// cut at the timeout. Records the latency and counts the request and its error.</summary>
public sealed class OrderService
{
    private readonly OrderModel _model;
    private readonly DemoMetrics _metrics;
    private readonly double _timeScale;
    private readonly Random _random;
    private readonly Lock _randomGate = new();
    private Knobs _knobs;

    public OrderService(OrderModel model, DemoMetrics metrics, DemoSettings settings, Knobs initial)
    {
        _model = model;
        _metrics = metrics;
        _timeScale = settings.TimeScale;
        _random = new Random(settings.Seed);
        _knobs = initial;
        Pool = new WorkerPool(initial.ConcurrencyLimit);
        metrics.ShowKnobs(initial);
    }

    public WorkerPool Pool { get; }

    public Knobs Knobs => Volatile.Read(ref _knobs);

    public void SetKnobs(Knobs knobs)
    {
        Volatile.Write(ref _knobs, knobs);
        Pool.Limit = knobs.ConcurrencyLimit;
        _metrics.ShowKnobs(knobs);
    }

    /// <summary>The HTTP status to answer with (200, 500 for a model error, 504 for a timeout).</summary>
    public async Task<int> ServeAsync(CancellationToken aborted)
    {
        var started = Stopwatch.GetTimestamp();
        var knobs = Knobs;
        var deadline = TimeSpan.FromMilliseconds(knobs.TimeoutMs * _timeScale);
        _metrics.Received.Inc();
        int status;
        using (var cut = CancellationTokenSource.CreateLinkedTokenSource(aborted))
        {
            cut.CancelAfter(deadline);
            status = await WorkAsync(knobs, cut.Token).ConfigureAwait(false);
        }

        if (status >= 500)
        {
            _metrics.Errors.Inc();
        }

        _metrics.Duration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return status;
    }

    private async Task<int> WorkAsync(Knobs knobs, CancellationToken deadline)
    {
        if (!await Pool.EnterAsync(deadline).ConfigureAwait(false))
        {
            return StatusCodes.Status504GatewayTimeout;
        }

        _metrics.Busy.Inc();
        try
        {
            double u1, u2, u3;
            lock (_randomGate)
            {
                (u1, u2, u3) = (_random.NextDouble(), _random.NextDouble(), _random.NextDouble());
            }

            var (serviceMs, fails) = _model.Draw(knobs, u1, u2, u3);
            await Task.Delay(TimeSpan.FromMilliseconds(serviceMs * _timeScale), deadline).ConfigureAwait(false);
            return fails ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        }
        catch (OperationCanceledException)
        {
            return StatusCodes.Status504GatewayTimeout;
        }
        finally
        {
            _metrics.Busy.Dec();
            Pool.Exit();
        }
    }
}
