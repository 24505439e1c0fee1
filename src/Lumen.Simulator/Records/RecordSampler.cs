using System.Collections.Immutable;
using Lumen.Core.Canary;
using Lumen.Simulator.Model;
using Lumen.Simulator.Randomness;

namespace Lumen.Simulator.Records;

/// <summary>
/// Splits an interval's requests over the latency buckets as a multinomial draw from the model's
/// latency distribution, by a chain of conditional binomials: bucket i takes
/// Binomial(remaining, P(bucket i | above bucket i−1)). Counts therefore scatter the way real
/// histograms do, and an A/A comparison (same knobs on both tracks) differs only by chance.
/// </summary>
internal static class RecordSampler
{
    public static ImmutableArray<LatencyBucket> Cumulative(in LatencyDistribution latency, long requests, ref SplitMix random)
    {
        var bounds = LatencyBuckets.UpperBoundsSeconds;
        var counts = ImmutableArray.CreateBuilder<LatencyBucket>(bounds.Length);
        var remaining = requests;
        var below = 0.0;
        long cumulative = 0;
        for (var i = 0; i < bounds.Length; i++)
        {
            if (double.IsPositiveInfinity(bounds[i]))
            {
                cumulative += remaining;
                remaining = 0;
            }
            else if (remaining > 0)
            {
                var cdf = latency.Cdf(bounds[i] * 1000);
                var conditional = below >= 1 ? 1.0 : Math.Clamp((cdf - below) / (1 - below), 0, 1);
                var inBucket = random.NextBinomial(remaining, conditional);
                cumulative += inBucket;
                remaining -= inBucket;
                below = cdf;
            }

            counts.Add(new LatencyBucket(bounds[i], cumulative));
        }

        return counts.MoveToImmutable();
    }
}
