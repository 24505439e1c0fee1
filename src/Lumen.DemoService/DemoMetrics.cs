using Prometheus;

namespace Lumen.DemoService;

/// <summary>
/// The metrics the SLI templates of config/services.yaml read, labelled <c>service</c> and <c>track</c>.
/// Each instance has its own registry, so two instances in one process (the integration tests) never
/// export each other's series. The children are created at start, so every series exists at 0 before
/// the first request and <c>rate()</c> sees the whole first increase.
/// </summary>
public sealed class DemoMetrics
{
    public DemoMetrics(string service, string track)
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        string[] labels = ["service", "track"];
        Duration = factory.CreateHistogram("http_request_duration_seconds", "Time to answer /api/order, queueing included, in seconds.",
            new HistogramConfiguration { LabelNames = labels, Buckets = DefaultBuckets })
            .WithLabels(service, track);
        Received = factory.CreateCounter("http_requests_received_total", "Requests to /api/order.", labels).WithLabels(service, track);
        Errors = factory.CreateCounter("http_requests_errors_total", "Requests to /api/order answered with a 5xx (timeouts included).", labels).WithLabels(service, track);
        Busy = factory.CreateGauge("demo_workers_busy", "Workers running a request.", labels).WithLabels(service, track);
        Limit = factory.CreateGauge("demo_concurrency_limit", "The concurrency_limit knob.", labels).WithLabels(service, track);
        Cache = factory.CreateGauge("demo_cache_size_mb", "The cache_size_mb knob.", labels).WithLabels(service, track);
        Timeout = factory.CreateGauge("demo_timeout_ms", "The timeout_ms knob.", labels).WithLabels(service, track);
    }

    /// <summary>prometheus-net's defaults, which the simulator's interval records use too (docs/simulator.md).</summary>
    public static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    public CollectorRegistry Registry { get; }

    public Histogram.Child Duration { get; }

    public Counter.Child Received { get; }

    public Counter.Child Errors { get; }

    public Gauge.Child Busy { get; }

    public Gauge.Child Limit { get; }

    public Gauge.Child Cache { get; }

    public Gauge.Child Timeout { get; }

    public void ShowKnobs(Knobs k)
    {
        Limit.Set(k.ConcurrencyLimit);
        Cache.Set(k.CacheSizeMb);
        Timeout.Set(k.TimeoutMs);
    }
}
