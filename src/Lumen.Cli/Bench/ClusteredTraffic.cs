using System.Collections.Immutable;
using Lumen.Core.Canary;
using SimBuckets = Lumen.Simulator.Records.LatencyBuckets;

namespace Lumen.Cli.Bench;

/// <summary>
/// Seeded canary records with clustered events, for <c>lumen bench canary</c>'s clustered suite.
/// Errors: with cluster mean m ≤ 1 every request fails independently; otherwise error <i>events</i>
/// are Poisson (requests × rate / m per interval) and each fails a geometric number of requests with
/// mean m (one upstream blip, a bad connection, a retry storm). Slow requests: latency is log-normal
/// (median 40 ms, σ 0.8, p95 ≈ 150 ms), and pause events (rate per request / m) each slow a geometric
/// number of requests (mean m) by ×8 (a slow instance, a GC pause). A cluster never straddles two
/// intervals. The canary may fail more often (error factor) or be slower overall (latency factor).
/// </summary>
internal sealed class ClusteredTraffic(ClusteredScenario scenario, int seed)
{
    /// <summary>Share of requests caught in pauses when pauses are on.</summary>
    public const double PauseRate = 0.02;

    public const double PauseFactor = 8;

    private readonly Random _random = new(seed);

    /// <summary>Error clusters (independent error events) in the last record made; what an oracle that saw cluster labels would count.</summary>
    public long LastErrorClusters { get; private set; }

    public IEnumerable<ClusteredInterval> Intervals(int count)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= count; i++)
        {
            var ts = start.AddSeconds(30 * i);
            var baseline = Record(ts, CanaryTrack.Baseline, scenario.ErrorRate, 1);
            var baselineClusters = LastErrorClusters;
            var canary = Record(ts, CanaryTrack.Canary, scenario.ErrorRate * scenario.ErrorFactor, scenario.LatencyFactor);
            yield return new ClusteredInterval(new CanaryInterval(ts, baseline, canary), LastErrorClusters, baselineClusters);
        }
    }

    /// <summary>Errors for <paramref name="requests"/> requests at <paramref name="rate"/> with clusters of mean <paramref name="clusterMean"/> (their count in <see cref="LastErrorClusters"/>).</summary>
    public long Errors(long requests, double rate, double clusterMean)
    {
        var (total, clusters) = Clustered(requests * rate, clusterMean, requests);
        LastErrorClusters = clusters;
        return total;
    }

    private IntervalRecord Record(DateTimeOffset ts, CanaryTrack track, double errorRate, double latencyFactor)
    {
        var requests = Poisson(scenario.Rps * 30);
        var counts = new long[SimBuckets.UpperBoundsSeconds.Length];
        var paused = scenario.PauseClusterMean > 0 ? Clustered(requests * PauseRate, scenario.PauseClusterMean, requests).Total : 0;
        for (var r = 0; r < requests; r++)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
            var seconds = 0.040 * Math.Exp(0.8 * z) * latencyFactor * (r < paused ? PauseFactor : 1);
            var bucket = 0;
            while (seconds > SimBuckets.UpperBoundsSeconds[bucket])
            {
                bucket++;
            }

            counts[bucket]++;
        }

        var buckets = ImmutableArray.CreateBuilder<LatencyBucket>(counts.Length);
        long cumulative = 0;
        for (var b = 0; b < counts.Length; b++)
        {
            cumulative += counts[b];
            buckets.Add(new LatencyBucket(SimBuckets.UpperBoundsSeconds[b], cumulative));
        }

        var errors = Errors(requests, errorRate, scenario.ErrorClusterMean);
        return new IntervalRecord(ts, "svc", track, requests, errors, buckets.MoveToImmutable());
    }

    /// <summary>Requests hit by Poisson(mean / m) clusters of geometric size with mean m (m ≤ 1: Poisson(mean) single hits), at most <paramref name="cap"/>, and the clusters that hit.</summary>
    private (long Total, long Clusters) Clustered(double mean, double clusterMean, long cap)
    {
        if (clusterMean <= 1)
        {
            var single = Math.Min(cap, Poisson(mean));
            return (single, single);
        }

        var clusters = Poisson(mean / clusterMean);
        long total = 0;
        var k = 0L;
        for (; k < clusters && total < cap; k++)
        {
            // Geometric on {1, 2, ...} with mean m: P(Y = y) = (1/m)(1 − 1/m)^(y−1).
            var u = 1 - _random.NextDouble();
            total += 1 + (long)Math.Floor(Math.Log(u) / Math.Log(1 - (1 / clusterMean)));
        }

        return (Math.Min(cap, total), k);
    }

    private long Poisson(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        if (lambda > 50)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
            return Math.Max(0, (long)Math.Round(lambda + (Math.Sqrt(lambda) * z)));
        }

        var limit = Math.Exp(-lambda);
        var k = 0L;
        var p = _random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= _random.NextDouble();
        }

        return k;
    }
}
