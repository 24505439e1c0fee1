using System.Collections.Immutable;
using Lumen.Adapters.Prometheus;
using Lumen.Core.Policy;
using Lumen.Core.Sli;

namespace Lumen.Adapters.Tests.Prometheus;

public sealed class SliCollectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The snapshot gives every (service, track, SLI) the reading <see cref="SliCollection.Find"/> gives:
    /// the first observation of it when the collection holds several (a series answered twice), Missing
    /// with the same reason when it holds none, saturation only for a service that queries it, over
    /// services in scrambled order.
    /// </summary>
    [Fact]
    public void ToSnapshot_EveryReading_WhatFindGives()
    {
        var random = new Random(5);
        string[] tracks = [SliTracks.Baseline, SliTracks.Canary];
        string[] slis = [SliNames.P95Ms, SliNames.ErrorRate, SliNames.Rps, SliNames.Saturation];
        var services = Enumerable.Range(0, 40).Select(i => Service($"svc{i:D2}", saturation: i % 3 == 0)).ToList();
        var observations = new List<SliObservation>();
        foreach (var service in services)
        {
            foreach (var track in tracks)
            {
                foreach (var sli in slis)
                {
                    // Some readings are never collected; some twice, the second one different.
                    var copies = random.Next(4) switch { 0 => 0, 1 => 2, _ => 1 };
                    for (var c = 0; c < copies; c++)
                    {
                        observations.Add(new SliObservation(service.Name, track, sli,
                            c == 0 ? SliReading.Ok(random.NextDouble() * 100) : SliReading.Stale("the second answer")));
                    }
                }
            }
        }

        var collection = new SliCollection(T0, [.. observations.OrderBy(_ => random.Next())], [], 4);

        var snapshot = collection.ToSnapshot(services, tracks);

        Assert.Equal(services.Count * tracks.Length, snapshot.Tracks.Length);
        var checkedReadings = 0;
        foreach (var readings in snapshot.Tracks)
        {
            var service = services.Single(s => s.Name == readings.Service);
            Assert.Equal(collection.Find(readings.Service, readings.Track, SliNames.P95Ms), readings.P95Ms);
            Assert.Equal(collection.Find(readings.Service, readings.Track, SliNames.ErrorRate), readings.ErrorRate);
            Assert.Equal(collection.Find(readings.Service, readings.Track, SliNames.Rps), readings.Rps);
            Assert.Equal(service.Sli.Saturation is null ? null : collection.Find(readings.Service, readings.Track, SliNames.Saturation), readings.Saturation);
            checkedReadings += readings.ReadingCount;
        }

        Assert.Contains(snapshot.Tracks, t => t.P95Ms.Status == SliStatus.Missing);
        Assert.Equal(services.Count(s => s.Sli.Saturation is not null) * tracks.Length, snapshot.Tracks.Count(t => t.Saturation is not null));
        Assert.True(checkedReadings > 3 * services.Count * tracks.Length);
    }

    private static ServiceConfig Service(string name, bool saturation) => new(
        name,
        default,
        new SliQueries("p95", "errors", "rps", saturation ? "saturation" : null),
        ImmutableArray<KnobSpec>.Empty,
        new ServiceExecutors(new SimExecutorSpec(), null));
}
