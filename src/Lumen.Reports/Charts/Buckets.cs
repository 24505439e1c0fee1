using Lumen.Reports.Digest;

namespace Lumen.Reports.Charts;

/// <summary>
/// Averages a per-tick series into at most <see cref="MaxPoints"/> time buckets: 8,640 noisy ticks
/// on 1,200 pixels would be a solid band, the bucket means show the shape. Missing values are
/// skipped; a bucket with none leaves a gap (NaN breaks the line).
/// </summary>
internal static class Buckets
{
    public const int MaxPoints = 400;

    public static int SizeFor(int count) => Math.Max(1, (count + MaxPoints - 1) / MaxPoints);

    public static (double[] X, double[] Y) Mean(IReadOnlyList<ObservationPoint> points, Func<ObservationPoint, double?> value)
    {
        var size = SizeFor(points.Count);
        var xs = new List<double>();
        var ys = new List<double>();
        for (var start = 0; start < points.Count; start += size)
        {
            var end = Math.Min(points.Count, start + size);
            double sum = 0;
            var n = 0;
            for (var i = start; i < end; i++)
            {
                if (value(points[i]) is { } v && double.IsFinite(v))
                {
                    sum += v;
                    n++;
                }
            }

            xs.Add(points[(start + end - 1) / 2].Ts.UtcDateTime.ToOADate());
            ys.Add(n > 0 ? sum / n : double.NaN);
        }

        return ([.. xs], [.. ys]);
    }

    /// <summary>The bucket length in words, for axis labels ("mean per 10 min").</summary>
    public static string Describe(IReadOnlyList<ObservationPoint> points)
    {
        if (points.Count < 2)
        {
            return "per tick";
        }

        var tick = (points[^1].Ts - points[0].Ts).TotalMinutes / (points.Count - 1);
        var minutes = tick * SizeFor(points.Count);
        return SizeFor(points.Count) == 1 ? "per tick" : minutes >= 1 ? $"mean per {minutes:0.#} min" : $"mean per {minutes * 60:0} s";
    }
}
