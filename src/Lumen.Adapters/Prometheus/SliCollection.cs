using System.Collections.Immutable;
using Lumen.Core.Policy;
using Lumen.Core.Sli;

namespace Lumen.Adapters.Prometheus;

/// <summary>Everything one collection read: a reading per (service, track, SLI), the backend's warnings,
/// and how many queries it took (one per SLI template and window, whatever the number of services).</summary>
public sealed record SliCollection(
    DateTimeOffset Timestamp,
    ImmutableArray<SliObservation> Observations,
    ImmutableArray<string> Warnings,
    int Queries)
{
    /// <summary>The reading of one SLI, or Missing when the collection has none for it.</summary>
    public SliReading Find(string service, string track, string sli) =>
        Observations.FirstOrDefault(o => o.Service == service && o.Track == track && o.Sli == sli)?.Reading
        ?? SliReading.Missing($"{sli} of {service}/{track} was not collected");

    /// <summary>The loop's view: one <see cref="TrackReadings"/> per service and track.</summary>
    public SliSnapshot ToSnapshot(IEnumerable<ServiceConfig> services, IEnumerable<string> tracks)
    {
        var list = ImmutableArray.CreateBuilder<TrackReadings>();
        var trackList = tracks.ToList();
        foreach (var service in services)
        {
            foreach (var track in trackList)
            {
                list.Add(new TrackReadings(
                    service.Name,
                    track,
                    Find(service.Name, track, SliNames.P95Ms),
                    Find(service.Name, track, SliNames.ErrorRate),
                    Find(service.Name, track, SliNames.Rps),
                    service.Sli.Saturation is null ? null : Find(service.Name, track, SliNames.Saturation)));
            }
        }

        return new SliSnapshot(Timestamp, list.ToImmutable());
    }
}
