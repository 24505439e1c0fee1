using System.Collections.Immutable;
using System.Globalization;
using Lumen.Core.Canary;

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// Turns the <c>increase()</c> values of one interval into the whole, cumulative counts a record
/// needs (docs/canary-records.md, "Rounding"). <c>increase()</c> extrapolates to the edges of its
/// window, so its values are fractional and the buckets, each extrapolated on its own, may even
/// decrease slightly with the bound or overshoot +Inf. The rule:
/// <list type="number">
/// <item><c>requests</c> = the +Inf bucket rounded to the nearest integer (halves away from zero);</item>
/// <item>each finite bucket, in order of its bound, = its value rounded, then clamped into
/// [previous bucket, requests]: cumulative by construction, and never above +Inf;</item>
/// <item><c>errors</c> = the errors value rounded and clamped into [0, requests]; no errors series
/// at all counts as 0 (a counter that has never been incremented may not be exported).</item>
/// </list>
/// Each count moves by at most 0.5 from its own value unless the clamp had to correct an
/// inconsistency that extrapolation introduced; the total is exactly the +Inf count.
/// </summary>
public static class IntervalRounding
{
    /// <summary>The record, or why this interval has no record (a value that is not a count, no +Inf bucket).</summary>
    public static (ExportedRecord? Record, string? Problem) Build(
        DateTimeOffset timestamp, string service, CanaryTrack track, IReadOnlyCollection<KeyValuePair<string, double>> buckets, double? errors)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var parsed = new List<(string Le, double Bound, double Value)>(buckets.Count);
        foreach (var (le, value) in buckets)
        {
            if (!TryBound(le, out var bound))
            {
                return (null, $"bucket le=\"{le}\" is not a bound in seconds");
            }

            if (!IsCount(value))
            {
                return (null, $"bucket le=\"{le}\" has {PromValue.Format(value)}, not a count");
            }

            parsed.Add((le, bound, value));
        }

        parsed.Sort((a, b) => a.Bound.CompareTo(b.Bound));
        if (parsed.Count == 0 || !double.IsPositiveInfinity(parsed[^1].Bound))
        {
            return (null, "no +Inf bucket");
        }

        for (var i = 1; i < parsed.Count; i++)
        {
            if (parsed[i].Bound.Equals(parsed[i - 1].Bound))
            {
                return (null, $"buckets le=\"{parsed[i - 1].Le}\" and le=\"{parsed[i].Le}\" have the same bound");
            }
        }

        if (errors is { } e && !IsCount(e))
        {
            return (null, $"errors has {PromValue.Format(e)}, not a count");
        }

        var requests = Round(parsed[^1].Value);
        var counts = ImmutableArray.CreateBuilder<LatencyBucket>(parsed.Count);
        var labels = ImmutableArray.CreateBuilder<string>(parsed.Count);
        var previous = 0L;
        foreach (var (le, bound, value) in parsed)
        {
            var count = double.IsPositiveInfinity(bound) ? requests : Math.Min(requests, Math.Max(previous, Round(value)));
            counts.Add(new LatencyBucket(bound, count));
            labels.Add(le);
            previous = count;
        }

        var errorCount = Math.Min(requests, Round(errors ?? 0));
        var record = new IntervalRecord(timestamp, service, track, requests, errorCount, counts.MoveToImmutable());
        return (new ExportedRecord(record, labels.MoveToImmutable()), null);
    }

    private static bool IsCount(double value) => double.IsFinite(value) && value >= 0 && value < long.MaxValue / 2.0;

    private static long Round(double value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);

    private static bool TryBound(string le, out double bound)
    {
        if (le == "+Inf")
        {
            bound = double.PositiveInfinity;
            return true;
        }

        return double.TryParse(le, NumberStyles.Float, CultureInfo.InvariantCulture, out bound) && double.IsFinite(bound) && bound >= 0;
    }
}
