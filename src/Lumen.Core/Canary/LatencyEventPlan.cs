namespace Lumen.Core.Canary;

/// <summary>
/// How the relative latency gate is turned into an event-rate test, fixed once from the warm-up
/// intervals (which the test then never uses, so the choice cannot bias it).
/// </summary>
/// <param name="BucketIndex">The bucket whose bound defines a "slow" request.</param>
/// <param name="BoundSeconds">
/// That bound: among the finite bucket bounds, the one with the most expected evidence per interval
/// against a canary just beyond the margin (<see cref="ExpectedEvidence"/>).
/// </param>
/// <param name="BaselineShareAbove">The warm-up baseline's share of requests above the bound.</param>
/// <param name="AllowedRatio">
/// The slow-request rate ratio a canary that is the baseline slowed by exactly max_ratio would show:
/// share above (bound / max_ratio) ÷ share above bound, from the warm-up baseline histogram with
/// the survival count interpolated log-linearly inside its bucket (an exponential tail within the
/// bucket; linear interpolation, histogram_quantile's assumption, overstates the tail density of a
/// wide bucket and would make the margin far looser than max_ratio); at least 1.
/// </param>
/// <param name="EvidencePerRequest">The chosen bound's expected log-evidence per request (0 with the fallback rule).</param>
public sealed record LatencyEventPlan(int BucketIndex, double BoundSeconds, double BaselineShareAbove, double AllowedRatio, double EvidencePerRequest = 0)
{
    /// <summary>Baseline requests the warm-up needs before the plan is fixed.</summary>
    public const long MinWarmupRequests = 200;

    /// <summary>A bound is a candidate only with at least this many warm-up baseline requests above it,
    /// so that its share and margin are not read from a handful of requests.</summary>
    public const long MinWarmupEventsAbove = 10;

    /// <summary>
    /// The plan for a warm-up baseline histogram, or null when no finite bound has slow requests above it.
    /// <paramref name="canaryShare"/> is the canary's share of the warm-up requests (the split the test will see).
    /// </summary>
    public static LatencyEventPlan? From(ReadOnlySpan<LatencyBucket> baseline, double maxRatio, double canaryShare = 0.5)
    {
        var total = baseline.Length == 0 ? 0 : baseline[^1].CumulativeCount;
        if (total <= 0)
        {
            return null;
        }

        var split = double.IsFinite(canaryShare) && canaryShare > 0 && canaryShare < 1 ? canaryShare : 0.5;
        var best = -1;
        var bestEvidence = 0.0;
        for (var i = 0; i < baseline.Length - 1; i++)
        {
            var above = total - baseline[i].CumulativeCount;
            if (above < MinWarmupEventsAbove)
            {
                continue;
            }

            var evidence = ExpectedEvidence(baseline, i, maxRatio, split);
            if (evidence > bestEvidence)
            {
                best = i;
                bestEvidence = evidence;
            }
        }

        if (best < 0)
        {
            best = NearestFivePercent(baseline, total);
        }

        return best < 0 ? null : Plan(baseline, best, maxRatio, bestEvidence);
    }

    /// <summary>
    /// Expected log-evidence per request (baseline and canary together) that bound <paramref name="index"/>
    /// gives against a canary slowed by max_ratio² (as far beyond the margin as the margin is from 1),
    /// when the null is the margin: the expected events per request, S(b)·(1 − s + s·ρ1), times the
    /// Kullback–Leibler divergence of "this event came from the canary" under ρ1 from its law under ρ0
    /// (the growth rate of the rate-ratio e-process when the alternative is known; Wald 1947).
    /// ρ(k) = S(b/k) / S(b), S read from the warm-up baseline histogram log-linearly inside buckets.
    /// </summary>
    public static double ExpectedEvidence(ReadOnlySpan<LatencyBucket> baseline, int index, double maxRatio, double canaryShare)
    {
        var total = (double)baseline[^1].CumulativeCount;
        var bound = baseline[index].UpperBoundSeconds;
        var above = total - baseline[index].CumulativeCount;
        if (total <= 0 || above <= 0 || double.IsPositiveInfinity(bound))
        {
            return 0;
        }

        var rho0 = Math.Max(1.0, SurvivalLogLinear(baseline, bound / maxRatio) / above);
        var rho1 = SurvivalLogLinear(baseline, bound / (maxRatio * maxRatio)) / above;
        if (!(rho1 > rho0))
        {
            return 0;
        }

        var s = canaryShare;
        var p0 = rho0 * s / ((rho0 * s) + 1 - s);
        var p1 = rho1 * s / ((rho1 * s) + 1 - s);
        var kl = (p1 * Math.Log(p1 / p0)) + ((1 - p1) * Math.Log((1 - p1) / (1 - p0)));
        return above / total * (1 - s + (s * rho1)) * kl;
    }

    private static LatencyEventPlan Plan(ReadOnlySpan<LatencyBucket> baseline, int index, double maxRatio, double evidence)
    {
        var total = baseline[^1].CumulativeCount;
        var bound = baseline[index].UpperBoundSeconds;
        var shareAbove = (double)(total - baseline[index].CumulativeCount) / total;
        var shareAboveScaled = SurvivalLogLinear(baseline, bound / maxRatio) / total;
        var allowed = Math.Max(1.0, shareAboveScaled / shareAbove);
        return new LatencyEventPlan(index, bound, shareAbove, allowed, evidence);
    }

    /// <summary>The earlier rule, kept as the fallback when no bound has evidence (e.g. max_ratio 1):
    /// the finite bound whose baseline share above it is nearest 5 % in log ratio.</summary>
    private static int NearestFivePercent(ReadOnlySpan<LatencyBucket> baseline, long total)
    {
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

        return best;
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
