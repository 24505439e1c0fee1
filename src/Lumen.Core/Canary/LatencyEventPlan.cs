namespace Lumen.Core.Canary;

/// <summary>
/// How the relative latency gate is turned into an event-rate test, fixed once from the baseline's
/// warm-up intervals (which the test then never uses, so the choice cannot bias it).
/// </summary>
/// <param name="BucketIndex">The bucket whose bound defines a "slow" request.</param>
/// <param name="BoundSeconds">That bound: the finite bucket bound whose baseline share above it is nearest 5 %.</param>
/// <param name="BaselineShareAbove">The warm-up baseline's share of requests above the bound.</param>
/// <param name="AllowedRatio">
/// The slow-request rate ratio a canary that is the baseline slowed by exactly max_ratio would show:
/// share above (bound / max_ratio) ÷ share above bound, from the warm-up baseline histogram with
/// the survival count interpolated log-linearly inside its bucket (an exponential tail within the
/// bucket; linear interpolation, histogram_quantile's assumption, overstates the tail density of a
/// wide bucket and would make the margin far looser than max_ratio); at least 1.
/// </param>
public sealed record LatencyEventPlan(int BucketIndex, double BoundSeconds, double BaselineShareAbove, double AllowedRatio)
{
    /// <summary>Baseline requests the warm-up needs before the plan is fixed.</summary>
    public const long MinWarmupRequests = 200;

    /// <summary>The plan for a warm-up baseline histogram, or null when no finite bound has slow requests above it.</summary>
    public static LatencyEventPlan? From(ReadOnlySpan<LatencyBucket> baseline, double maxRatio)
    {
        var total = baseline.Length == 0 ? 0 : baseline[^1].CumulativeCount;
        if (total <= 0)
        {
            return null;
        }

        var best = -1;
        var bestDistance = double.PositiveInfinity;
        for (var i = 0; i < baseline.Length - 1; i++)
        {
            var above = (double)(total - baseline[i].CumulativeCount) / total;
            var distance = Math.Abs(Math.Log(Math.Max(above, 1e-12) / 0.05));
            if (above > 0 && distance < bestDistance)
            {
                best = i;
                bestDistance = distance;
            }
        }

        if (best < 0)
        {
            return null;
        }

        var bound = baseline[best].UpperBoundSeconds;
        var shareAbove = (double)(total - baseline[best].CumulativeCount) / total;
        var shareAboveScaled = SurvivalLogLinear(baseline, bound / maxRatio) / total;
        var allowed = Math.Max(1.0, shareAboveScaled / shareAbove);
        return new LatencyEventPlan(best, bound, shareAbove, allowed);
    }

    /// <summary>Requests above <paramref name="seconds"/>: log-linear in the survival count between the bucket's bounds.</summary>
    private static double SurvivalLogLinear(ReadOnlySpan<LatencyBucket> buckets, double seconds)
    {
        var total = buckets[^1].CumulativeCount;
        var lower = 0.0;
        var aboveLower = (double)total;
        foreach (var bucket in buckets)
        {
            if (double.IsPositiveInfinity(bucket.UpperBoundSeconds))
            {
                break;
            }

            var aboveUpper = (double)(total - bucket.CumulativeCount);
            if (seconds <= bucket.UpperBoundSeconds)
            {
                var share = (seconds - lower) / (bucket.UpperBoundSeconds - lower);
                return aboveUpper <= 0 || aboveLower <= 0
                    ? aboveLower + (share * (aboveUpper - aboveLower))
                    : aboveLower * Math.Pow(aboveUpper / aboveLower, share);
            }

            lower = bucket.UpperBoundSeconds;
            aboveLower = aboveUpper;
        }

        return aboveLower;
    }
}
