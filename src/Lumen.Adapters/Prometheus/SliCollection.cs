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
        ?? NotCollected(service, track, sli);

    /// <summary>
    /// The loop's view: one <see cref="TrackReadings"/> per service and track, each reading as
    /// <see cref="Find"/> gives it (the first observation of its service, track and SLI, else Missing).
    /// The observations are indexed once: finding each reading in the whole list was quadratic, a third
    /// of a live tick's CPU at 1,000 services (docs/benchmarks.md, "Live tick").
    /// </summary>
    public SliSnapshot ToSnapshot(IEnumerable<ServiceConfig> services, IEnumerable<string> tracks)
    {
        var index = new Dictionary<(string Service, string Track, string Sli), SliReading>(Observations.Length);
        foreach (var o in Observations)
        {
            index.TryAdd((o.Service, o.Track, o.Sli), o.Reading);
        }

        var list = ImmutableArray.CreateBuilder<TrackReadings>();
        var trackList = tracks.ToList();
        foreach (var service in services)
        {
            foreach (var track in trackList)
            {
                list.Add(new TrackReadings(
                    service.Name,
                    track,
                    Get(service.Name, track, SliNames.P95Ms),
                    Get(service.Name, track, SliNames.ErrorRate),
                    Get(service.Name, track, SliNames.Rps),
                    service.Sli.Saturation is null ? null : Get(service.Name, track, SliNames.Saturation)));
            }
        }

        return new SliSnapshot(Timestamp, list.ToImmutable());

        SliReading Get(string service, string track, string sli) =>
            index.TryGetValue((service, track, sli), out var reading) ? reading : NotCollected(service, track, sli);
    }

    private static SliReading NotCollected(string service, string track, string sli) =>
        SliReading.Missing($"{sli} of {service}/{track} was not collected");
}
