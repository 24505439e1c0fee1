using Lumen.Core.Sli;

namespace Lumen.Core.Rhythm;

/// <summary>Per-interval health and its recency-weighted mean, coherence (docs/rhythm.md).</summary>
public static class Health
{
    /// <summary>
    /// Health of one interval ∈ [0, 1] = min over SLIs of min(1, objective / observed): 1 when every SLI
    /// meets its objective, 0.5 when the worst is at twice its objective. An observed 0 meets any objective
    /// (health 1 for that SLI). Unusable SLIs (NaN, ±Inf, negative) are skipped, never counted as 0 or 1;
    /// when no SLI is usable the interval's health is unknown (null). Saturation has no objective and is
    /// not part of health.
    /// </summary>
    public static double? Of(in SliSample sample, SloObjectives slo)
    {
        double health = 1;
        bool any = false;
        if (SliSample.IsUsable(sample.P95Ms))
        {
            any = true;
            health = Math.Min(health, Ratio(slo.P95Ms, sample.P95Ms));
        }

        if (SliSample.IsUsable(sample.ErrorRate))
        {
            any = true;
            health = Math.Min(health, Ratio(slo.ErrorRate, sample.ErrorRate));
        }

        return any ? health : null;
    }

    /// <summary>
    /// Coherence ∈ [0, 1]: the mean of the intervals' health weighted by 2^(−age / half-life), where age is
    /// measured back from <paramref name="now"/>. Intervals with unknown health carry no weight; null when
    /// no interval has a health. Samples later than <paramref name="now"/> count as age 0.
    /// </summary>
    public static double? Coherence(ReadOnlySpan<SliSample> history, SloObjectives slo, DateTimeOffset now, TimeSpan halfLife)
    {
        if (halfLife <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(halfLife), halfLife, "The coherence half-life must be positive.");
        }

        double weighted = 0, weights = 0;
        double perTick = 1.0 / halfLife.Ticks;
        foreach (ref readonly var sample in history)
        {
            if (Of(in sample, slo) is not { } health)
            {
                continue;
            }

            long age = Math.Max(0, now.UtcTicks - sample.Timestamp.UtcTicks);
            double weight = double.Exp2(-age * perTick);
            weighted += weight * health;
            weights += weight;
        }

        // Weights underflow to 0 only for history thousands of half-lives old: then it tells nothing about now.
        return weights > 0 ? Math.Clamp(weighted / weights, 0, 1) : null;
    }

    private static double Ratio(double objective, double observed) =>
        observed <= 0 ? 1 : Math.Min(1, objective / observed);
}
