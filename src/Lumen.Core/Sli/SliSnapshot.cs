using System.Collections.Immutable;

namespace Lumen.Core.Sli;

/// <summary>Everything one tick read: the readings of each (service, track) for the interval ending at <see cref="Timestamp"/>.</summary>
public sealed record SliSnapshot(DateTimeOffset Timestamp, ImmutableArray<TrackReadings> Tracks)
{
    /// <summary>The readings of one (service, track), or null when the source returned none (treated as Missing).</summary>
    public TrackReadings? Find(string service, string track) =>
        Tracks.FirstOrDefault(t => string.Equals(t.Service, service, StringComparison.Ordinal)
                                   && string.Equals(t.Track, track, StringComparison.Ordinal));
}
