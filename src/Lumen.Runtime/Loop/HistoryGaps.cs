using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>Where a history has holes: stretches of a window longer than two steps without a usable point.</summary>
internal static class HistoryGaps
{
    /// <summary>The holes of <paramref name="samples"/> inside [<paramref name="from"/>, <paramref name="to"/>], oldest first.</summary>
    public static List<(DateTimeOffset From, DateTimeOffset To)> Find(IEnumerable<SliSample> samples, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var limit = 2 * step;
        var gaps = new List<(DateTimeOffset, DateTimeOffset)>();
        var previous = from;
        var first = true;
        foreach (var t in samples.Where(s => SliSample.IsUsable(s.Rps) && s.Timestamp >= from && s.Timestamp <= to)
                     .Select(s => s.Timestamp).Order())
        {
            // The window's start is a boundary, not a point: a hole there counts from the start itself.
            if (t - previous > (first ? step : limit))
            {
                gaps.Add((previous, t));
            }

            previous = t;
            first = false;
        }

        if (to - previous > (first ? TimeSpan.Zero : limit))
        {
            gaps.Add((previous, to));
        }

        return gaps;
    }
}
