using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>A bounded, oldest-first buffer of one service's canary samples (what the mapper reads).</summary>
internal sealed class SliHistory(int capacity)
{
    private List<SliSample> _samples = [];

    public int Count => _samples.Count;

    public int Capacity => capacity;

    /// <summary>The newest sample's time, or null when the history is empty.</summary>
    public DateTimeOffset? Last => _samples.Count == 0 ? null : _samples[^1].Timestamp;

    public void Add(SliSample sample)
    {
        // A replayed observation (a tick redone after a crash) must not count twice.
        if (_samples.Count > 0 && _samples[^1].Timestamp >= sample.Timestamp)
        {
            return;
        }

        _samples.Add(sample);
        if (_samples.Count > capacity)
        {
            _samples.RemoveRange(0, _samples.Count - capacity);
        }
    }

    /// <summary>
    /// Merges samples from elsewhere (the saved history, a backfill) into the buffer in time order. A
    /// sample closer than <paramref name="tolerance"/> to one already held is dropped: what the loop
    /// observed itself wins over a backfilled point for the same moment. Returns how many were added.
    /// </summary>
    public int Merge(IEnumerable<SliSample> incoming, TimeSpan tolerance)
    {
        var held = _samples.Select(s => s.Timestamp).ToArray();
        var added = new List<SliSample>();
        foreach (var sample in incoming.OrderBy(s => s.Timestamp))
        {
            if (!Useful(sample) || Near(held, sample.Timestamp, tolerance)
                || (added.Count > 0 && sample.Timestamp - added[^1].Timestamp < tolerance))
            {
                continue;
            }

            added.Add(sample);
        }

        if (added.Count == 0)
        {
            return 0;
        }

        var merged = _samples.Concat(added).OrderBy(s => s.Timestamp).ToList();
        if (merged.Count > capacity)
        {
            merged.RemoveRange(0, merged.Count - capacity);
        }

        _samples = merged;
        return added.Count;
    }

    public SliSample[] ToArray() => [.. _samples];

    /// <summary>A sample with at least one usable value (an all-unknown point carries nothing).</summary>
    public static bool Useful(SliSample s) =>
        SliSample.IsUsable(s.Rps) || SliSample.IsUsable(s.P95Ms) || SliSample.IsUsable(s.ErrorRate);

    private static bool Near(DateTimeOffset[] sorted, DateTimeOffset t, TimeSpan tolerance)
    {
        var i = Array.BinarySearch(sorted, t);
        if (i >= 0)
        {
            return true;
        }

        i = ~i;
        return (i < sorted.Length && sorted[i] - t < tolerance) || (i > 0 && t - sorted[i - 1] < tolerance);
    }
}
