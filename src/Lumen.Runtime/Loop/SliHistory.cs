using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>
/// A bounded, oldest-first buffer of one service's canary samples: a ring (<see cref="RhythmWindow"/>)
/// that keeps the mapper's running sums, so a tick adds one point and maps without copying the history.
/// </summary>
internal sealed class SliHistory(int capacity)
{
    private readonly RhythmWindow _window = new(capacity);

    public int Count => _window.Count;

    public int Capacity => capacity;

    /// <summary>The samples and the mapper's running state, read in place.</summary>
    public RhythmWindow Window => _window;

    /// <summary>The newest sample's time, or null when the history is empty.</summary>
    public DateTimeOffset? Last => _window.Count == 0 ? null : new DateTimeOffset(_window.NewestTicks, TimeSpan.Zero);

    public void Add(SliSample sample)
    {
        // A replayed observation (a tick redone after a crash) must not count twice.
        if (_window.Count > 0 && _window.NewestTicks >= sample.Timestamp.UtcTicks)
        {
            return;
        }

        _window.Add(in sample);
    }

    /// <summary>
    /// Merges samples from elsewhere (the saved history, a backfill) into the buffer in time order. A
    /// sample closer than <paramref name="tolerance"/> to one already held is dropped: what the loop
    /// observed itself wins over a backfilled point for the same moment. Returns how many were added.
    /// </summary>
    public int Merge(IEnumerable<SliSample> incoming, TimeSpan tolerance)
    {
        var ordered = incoming.OrderBy(s => s.Timestamp).ToList();
        if (ordered.Count == 0)
        {
            return 0;
        }

        if (_window.Count == 0 || ordered[0].Timestamp.UtcTicks > _window.NewestTicks)
        {
            return Append(ordered, tolerance);
        }

        var samples = _window.ToArray();
        var held = samples.Select(s => s.Timestamp).ToArray();
        var added = new List<SliSample>();
        foreach (var sample in ordered)
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

        // Merging happens at start-up, not per tick: the window is refilled in time order.
        var merged = samples.Concat(added).OrderBy(s => s.Timestamp).ToList();
        _window.Clear();
        foreach (var sample in merged.Skip(Math.Max(0, merged.Count - capacity)))
        {
            if (_window.Count == 0 || sample.Timestamp > _window.Newest.Timestamp)
            {
                _window.Add(in sample);
            }
        }

        return added.Count;
    }

    public SliSample[] ToArray() => _window.ToArray();

    /// <summary>
    /// <see cref="Merge"/> when every incoming sample is newer than the newest held (a backfill into an
    /// empty history, or after the saved one): the same points kept, appended in place instead of
    /// copying, sorting and refilling the whole window.
    /// </summary>
    private int Append(List<SliSample> ordered, TimeSpan tolerance)
    {
        long? last = _window.Count == 0 ? null : _window.NewestTicks;
        var added = 0;
        _window.ForgetRunningState();
        foreach (var sample in ordered)
        {
            var t = sample.Timestamp.UtcTicks;
            if (!Useful(sample) || (last is { } previous && (t - previous < tolerance.Ticks || t <= previous)))
            {
                continue;
            }

            _window.Add(in sample);
            last = t;
            added++;
        }

        return added;
    }

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
