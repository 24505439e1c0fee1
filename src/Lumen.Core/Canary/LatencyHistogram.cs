namespace Lumen.Core.Canary;

/// <summary>Reads a cumulative <c>le</c> histogram the way Prometheus does.</summary>
public static class LatencyHistogram
{
    /// <summary>
    /// The <paramref name="q"/>-quantile in seconds, by linear interpolation inside the bucket that
    /// holds the rank, exactly as Prometheus' <c>histogram_quantile</c>: the first bucket's lower
    /// bound is 0, and a rank in the +Inf bucket returns the highest finite bound. NaN when empty.
    /// </summary>
    public static double Quantile(ReadOnlySpan<LatencyBucket> buckets, double q)
    {
        if (buckets.Length == 0 || buckets[^1].CumulativeCount == 0)
        {
            return double.NaN;
        }

        var rank = q * buckets[^1].CumulativeCount;
        var i = 0;
        while (i < buckets.Length - 1 && buckets[i].CumulativeCount < rank)
        {
            i++;
        }

        if (double.IsPositiveInfinity(buckets[i].UpperBoundSeconds))
        {
            return buckets.Length >= 2 ? buckets[^2].UpperBoundSeconds : double.NaN;
        }

        var lower = i == 0 ? 0.0 : buckets[i - 1].UpperBoundSeconds;
        var below = i == 0 ? 0L : buckets[i - 1].CumulativeCount;
        var inBucket = buckets[i].CumulativeCount - below;
        if (i == 0 && lower >= buckets[0].UpperBoundSeconds)
        {
            return buckets[0].UpperBoundSeconds;
        }

        return inBucket == 0 ? buckets[i].UpperBoundSeconds : lower + ((buckets[i].UpperBoundSeconds - lower) * (rank - below) / inBucket);
    }

    /// <summary>Requests at or under <paramref name="seconds"/>, interpolated linearly inside its bucket (the
    /// same assumption as <see cref="Quantile"/>). Beyond the highest finite bound: the count there.</summary>
    public static double CountAtOrBelow(ReadOnlySpan<LatencyBucket> buckets, double seconds)
    {
        var lower = 0.0;
        var below = 0L;
        foreach (var bucket in buckets)
        {
            if (double.IsPositiveInfinity(bucket.UpperBoundSeconds))
            {
                return below;
            }

            if (seconds <= bucket.UpperBoundSeconds)
            {
                var width = bucket.UpperBoundSeconds - lower;
                var share = width <= 0 ? 1.0 : Math.Clamp((seconds - lower) / width, 0, 1);
                return below + (share * (bucket.CumulativeCount - below));
            }

            lower = bucket.UpperBoundSeconds;
            below = bucket.CumulativeCount;
        }

        return below;
    }
}
