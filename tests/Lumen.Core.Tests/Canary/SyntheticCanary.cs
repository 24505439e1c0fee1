using System.Collections.Immutable;
using Lumen.Core.Canary;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;

namespace Lumen.Core.Tests.Canary;

/// <summary>
/// Seeded synthetic intervals: per track, the requests in each latency bucket and the errors are
/// Poisson draws (the model the judge's conditional tests assume). Latency is log-normal-ish through
/// fixed bucket probabilities, scaled by a factor for a slower canary.
/// </summary>
internal sealed class SyntheticCanary(int seed)
{
    public static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, double.PositiveInfinity];

    private readonly Random _random = new(seed);

    public double BaselineRequests { get; init; } = 4000;

    public double CanaryShare { get; init; } = 0.2;

    public double ErrorRate { get; init; } = 0.01;

    public double CanaryErrorFactor { get; init; } = 1;

    public double CanaryLatencyFactor { get; init; } = 1;

    public PhaseLabel? Phase { get; init; }

    /// <summary>Mean requests failed per error event (geometric sizes); ≤ 1: every error independent.</summary>
    public double ErrorClusterMean { get; init; } = 1;

    public static CanaryStagePolicy Policy(double confidence = 0.95, int minIntervals = 3, int maxIntervals = 120, long minSamples = 500, bool coherence = false) =>
        new("test", confidence, minSamples, minIntervals, maxIntervals, true, [PhaseLabel.Unknown, PhaseLabel.Peak, PhaseLabel.Falling, PhaseLabel.Trough, PhaseLabel.Rising],
            new CanaryGates(new RatioGate(1.2), new RatioGate(1.5), coherence), 5);

    public static Slo Slo { get; } = new(600, 0.05, 0.5);

    public IEnumerable<CanaryInterval> Intervals(int count)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= count; i++)
        {
            var ts = start.AddSeconds(30 * i);
            var total = BaselineRequests / (1 - CanaryShare);
            var baseline = Record(ts, CanaryTrack.Baseline, total * (1 - CanaryShare), ErrorRate, 1);
            var canary = Record(ts, CanaryTrack.Canary, total * CanaryShare, ErrorRate * CanaryErrorFactor, CanaryLatencyFactor);
            yield return new CanaryInterval(ts, baseline, canary);
        }
    }

    private IntervalRecord Record(DateTimeOffset ts, CanaryTrack track, double mean, double errorRate, double latencyFactor)
    {
        var buckets = ImmutableArray.CreateBuilder<LatencyBucket>(Bounds.Length);
        long cumulative = 0;
        var below = 0.0;
        foreach (var bound in Bounds)
        {
            var cdf = double.IsPositiveInfinity(bound) ? 1 : Cdf(bound / latencyFactor);
            cumulative += Poisson(mean * (cdf - below));
            below = cdf;
            buckets.Add(new LatencyBucket(bound, cumulative));
        }

        var errors = Math.Min(cumulative, ErrorClusterMean <= 1 ? Poisson(cumulative * errorRate) : Clustered(cumulative * errorRate));
        return new IntervalRecord(ts, "svc", track, cumulative, errors, buckets.MoveToImmutable(), Phase);
    }

    /// <summary>Poisson(mean / m) error events, each failing a geometric number of requests with mean m.</summary>
    private long Clustered(double mean)
    {
        var events = Poisson(mean / ErrorClusterMean);
        long total = 0;
        for (var k = 0; k < events; k++)
        {
            total += 1 + (long)Math.Floor(Math.Log(1 - _random.NextDouble()) / Math.Log(1 - (1 / ErrorClusterMean)));
        }

        return total;
    }

    // Log-normal with median 40 ms and σ = 0.8 (p95 ≈ 150 ms).
    private static double Cdf(double seconds) => 0.5 * (1 + Erf((Math.Log(seconds / 0.040) / 0.8) / Math.Sqrt(2)));

    private static double Erf(double x)
    {
        // Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): enough for a synthetic latency shape.
        var t = 1 / (1 + (0.3275911 * Math.Abs(x)));
        var y = 1 - ((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return x >= 0 ? y : -y;
    }

    private long Poisson(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        if (lambda > 50)
        {
            // Normal approximation with continuity correction: plenty for counts in the hundreds.
            var u1 = 1 - _random.NextDouble();
            var u2 = _random.NextDouble();
            var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
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
