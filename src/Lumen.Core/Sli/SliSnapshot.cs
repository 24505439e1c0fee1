using System.Collections.Immutable;

namespace Lumen.Core.Sli;

/// <summary>Everything one tick read: the readings of each (service, track) for the interval ending at <see cref="Timestamp"/>.</summary>
public sealed record SliSnapshot(DateTimeOffset Timestamp, ImmutableArray<TrackReadings> Tracks)
{
    /// <summary>The readings of one (service, track), or null when the source returned none (treated as Missing).</summary>
    public TrackReadings? Find(string service, string track) =>
        Tracks.FirstOrDefault(t => string.Equals(t.Service, service, StringComparison.Ordinal)
                                   && string.Equals(t.Track, track, StringComparison.Ordinal));

    /// <summary>
    /// The readings keyed by (service, track), built in one pass: what a tick over many services looks
    /// up instead of scanning <see cref="Tracks"/> per service. The first of duplicate keys wins, as in <see cref="Find"/>.
    /// </summary>
    public Dictionary<(string Service, string Track), TrackReadings> Index()
    {
        var index = new Dictionary<(string Service, string Track), TrackReadings>(Tracks.Length);
        foreach (var t in Tracks)
        {
            index.TryAdd((t.Service, t.Track), t);
        }

        return index;
    }
}
