using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Lumen.Adapters.Executors;
using Lumen.Adapters.Prometheus;
using Lumen.Cli.Bench.Tuner;
using Lumen.Cli.Demo;
using Lumen.Core.Adjustments;
using Lumen.Core.Policy;
using Lumen.Core.Publishing;
using Lumen.Core.Sli;
using Lumen.Runtime.Loop;

namespace Lumen.Cli.Bench.Loop;

/// <summary>
/// The live variant of the loop benchmark (docs/benchmarks.md, "Live tick"): the real loop, in shadow
/// mode, against a real Prometheus holding N services' histograms (<c>svc000</c>, …, both tracks;
/// bench/live-loop/run.sh writes them with <c>promtool tsdb create-blocks-from openmetrics</c>) and
/// http executors on a local target server. Each measured tick also sends the loop's own batched
/// queries raw (the same PromQL, in parallel, the answers read and dropped: what Prometheus and the
/// connection cost), then runs a loop tick; the loop's collect of the SLIs (query, parse, classify,
/// snapshot) is timed around its source, and the knob reads are counted at the targets. The raw queries
/// go before the tick on even ticks and after it on odd ones, so neither side has the warmer cache.
/// </summary>
internal static class LiveLoopBench
{
    private const string Body = """{"concurrency_limit": 32}""";

    public static async Task<LiveLoopBenchResult> RunAsync(Uri prometheus, int services, DateTimeOffset at, int warmUp, int ticks,
        CancellationToken cancellationToken)
    {
        await using var targets = await LiveBenchTargets.StartAsync(Body, cancellationToken).ConfigureAwait(false);
        var config = Config(prometheus, services, targets);
        var stage = config.StageMatrix.Stages[0];
        var interval = stage.Policy.Interval;
        var clock = new BenchClock(at - (interval * (warmUp + ticks)));
        using var promHttp = PrometheusHttp.CreateClient();
        using var rawHttp = PrometheusHttp.CreateClient();
        using var targetHttp = new HttpClient();
        var source = new PrometheusSliSource(config.Services.Services, new PrometheusClientOptions(prometheus), promHttp, clock);
        var timed = new TimedSliSource(source);
        var canary = config.Services.Services.ToDictionary(s => s.Name,
            s => (IExecutor)new HttpExecutor(new HttpExecutorOptions(targets.Url(s.Name, SliTracks.Canary)), targetHttp), StringComparer.Ordinal);
        var baseline = config.Services.Services.ToDictionary(s => s.Name,
            s => (IExecutor)new HttpExecutor(new HttpExecutorOptions(targets.Url(s.Name, SliTracks.Baseline)), targetHttp), StringComparer.Ordinal);
        var ports = new LoopPorts(timed, canary, baseline, new MemoryLedgerStore(clock), new NoMetrics(), new MemoryStateFiles(), clock);
        var loop = await LoopBuilder.BuildAsync(new LoopOptions(config, stage.Name) { Actor = "lumen-bench", SnapshotEveryTicks = 0 },
            ports, cancellationToken).ConfigureAwait(false);
        var queries = source.Queries;
        var raw = new List<double>();
        var collect = new List<double>();
        var tickWall = new List<double>();
        var okTracks = 0;
        var requests = 0;
        var maxPerTarget = 0;
        var targetCount = 0;
        for (var i = 0; i < warmUp + ticks; i++)
        {
            clock.Advance(interval);
            // A/B in turn: the raw queries before the tick on even ticks, after it on odd ones.
            var rawTime = i % 2 == 0 ? await RawAsync(rawHttp, prometheus, queries, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false) : default;
            targets.TakeCounts();
            var started = Stopwatch.GetTimestamp();
            await loop.TickAsync(cancellationToken).ConfigureAwait(false);
            var wall = Stopwatch.GetElapsedTime(started);
            var counts = targets.TakeCounts();
            if (i % 2 == 1)
            {
                rawTime = await RawAsync(rawHttp, prometheus, queries, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }

            if (i < warmUp)
            {
                continue;
            }

            raw.Add(rawTime.TotalMilliseconds);
            collect.Add(timed.LastRead.TotalMilliseconds);
            tickWall.Add(wall.TotalMilliseconds);
            requests += counts.Requests;
            maxPerTarget = Math.Max(maxPerTarget, counts.MaxPerTarget);
            targetCount = Math.Max(targetCount, counts.Targets);
            okTracks = timed.LastSnapshot?.Tracks.Count(t => t.AllOk) ?? 0;
        }

        var expectedTargets = canary.Count + baseline.Count;
        return new LiveLoopBenchResult(services, queries.Length, ticks, Median(raw), Median(collect), Median(tickWall),
            okTracks, (double)requests / (ticks * expectedTargets), maxPerTarget, targetCount, expectedTargets);
    }

    /// <summary>The loop's queries sent as the loop sends them (form POSTs, all at once), the answers read in full and dropped.</summary>
    private static async Task<TimeSpan> RawAsync(HttpClient http, Uri prometheus, ImmutableArray<string> queries, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var time = (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(queries.Select(async query =>
        {
            using var content = new FormUrlEncodedContent([new("query", query), new("time", time)]);
            using var response = await http.PostAsync(new Uri(prometheus, "api/v1/query"), content, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            _ = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        })).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Stage <c>bench</c> (30 s, shadow mode) and services <c>svc000</c>… with the shipped SLI templates of the demo service.</summary>
    private static LumenConfig Config(Uri prometheus, int services, LiveBenchTargets targets)
    {
        var policy = new StagePolicy(IntervalSeconds: 30, DryRun: true, RewardMixLambda: 0, LinUcbAlpha: 1, Conservative: false,
            MaxActiveAdjustments: 1, DeltaClamp: 0.25, TtlMinutes: 20, CooldownMinutes: 5, ApprovalRequired: false);
        var stage = new StageConfig("bench", new StageEndpoints(prometheus, null, null, null), policy, new Slo(600, 0.05, CoherenceMin: 0));
        var window = PromDuration.TryParse("5m", out var w) ? w : default;
        var sli = new SliQueries(
            "1000 * histogram_quantile(0.95, sum by (service, track, le) (rate(http_request_duration_seconds_bucket{service=~\"$service\", track=~\"$track\"}[$window])))",
            "sum by (service, track) (rate(http_requests_errors_total{service=~\"$service\", track=~\"$track\"}[$window])) / sum by (service, track) (rate(http_requests_received_total{service=~\"$service\", track=~\"$track\"}[$window]))",
            "sum by (service, track) (rate(http_requests_received_total{service=~\"$service\", track=~\"$track\"}[$window]))",
            null);
        var list = Enumerable.Range(0, services).Select(i => string.Create(CultureInfo.InvariantCulture, $"svc{i:D3}")).Select(name => new ServiceConfig(
            name, window, sli,
            [new KnobSpec("concurrency_limit", 4, 256, 32, 4, Integer: true, 60, 0.0005)],
            new ServiceExecutors(new HttpExecutorSpec(targets.Url(name, SliTracks.Canary), null, HttpExecutorSpec.DefaultTimeoutMs),
                new HttpExecutorSpec(targets.Url(name, SliTracks.Baseline), null, HttpExecutorSpec.DefaultTimeoutMs)))).ToImmutableArray();
        return new LumenConfig(new StageMatrix([stage]), new ServiceCatalog(list), new CanaryPolicy([]), new FeedbackRuleSet([]));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed class BenchClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class NoMetrics : IMetricsSink
    {
        public Task<PublishResult> PublishAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken) =>
            Task.FromResult(PublishResult.Ok);
    }
}
