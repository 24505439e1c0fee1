using System.Collections.Immutable;
using Lumen.Core.Canary;
using Lumen.Core.Sli;
using Lumen.Simulator.World;

namespace Lumen.Simulator.Loop;

/// <summary>
/// The loop's SLI source over the simulator: the readings of the interval the world last simulated,
/// for every service's baseline and canary. An interval without requests reads as Missing (no data
/// is not a perfect latency). The caller advances the world before each tick.
/// </summary>
public sealed class SimSliSource(SimulatedWorld world) : ISliSource
{
    public Task<SliSnapshot> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tracks = ImmutableArray.CreateBuilder<TrackReadings>(world.Services.Length * 2);
        foreach (var service in world.Services)
        {
            tracks.Add(Read(service, CanaryTrack.Baseline, SliTracks.Baseline));
            tracks.Add(Read(service, CanaryTrack.Canary, SliTracks.Canary));
        }

        return Task.FromResult(new SliSnapshot(now, tracks.MoveToImmutable()));
    }

    private TrackReadings Read(string service, CanaryTrack track, string name)
    {
        var reading = world.Reading(service, track);
        if (reading.Requests == 0)
        {
            var missing = SliReading.Missing("no requests in the interval");
            return new TrackReadings(service, name, missing, missing, SliReading.Of(0));
        }

        return new TrackReadings(service, name, SliReading.Of(reading.P95Ms), SliReading.Of(reading.ErrorRate), SliReading.Of(reading.Rps),
            SliReading.Of(reading.Saturation));
    }
}
