using System.Collections.Immutable;
using Lumen.Core.Sli;
using Lumen.Runtime.Loop;
using Lumen.Simulator.Loop;
using Lumen.Simulator.World;

namespace Lumen.Cli.Bench.Loop;

/// <summary>
/// The history the bench's loop backfills at start: a twin of the measured world, started the
/// history's length earlier with the same seed, simulated forward chunk by chunk as the backfill
/// asks (oldest first; the bench reads one chunk at a time). What the twin read for the canary at
/// each grid point is what the mapper gets, as a live loop would from Prometheus.
/// </summary>
internal sealed class LoopBenchHistory(SimulatedWorld twin) : IHistorySource
{
    private readonly SimSliSource _source = new(twin);

    public async Task<HistoryChunk> ReadAsync(DateTimeOffset start, DateTimeOffset end, TimeSpan step, bool rpsOnly, CancellationToken cancellationToken)
    {
        var samples = twin.Services.ToDictionary(s => s, _ => ImmutableArray.CreateBuilder<SliSample>(), StringComparer.Ordinal);
        for (var t = start; t <= end; t += step)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (twin.Now > t)
            {
                continue;
            }

            twin.AdvanceTo(t);
            var snapshot = await _source.ReadAsync(t, cancellationToken).ConfigureAwait(false);
            foreach (var track in snapshot.Tracks)
            {
                if (track.Track == SliTracks.Canary)
                {
                    var sample = track.ToSample(t);
                    samples[track.Service].Add(rpsOnly ? SliSample.FromRps(t, sample.Rps) : sample);
                }
            }
        }

        return new HistoryChunk(samples.ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutable(), StringComparer.Ordinal), []);
    }
}
