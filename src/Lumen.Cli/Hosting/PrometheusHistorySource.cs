using System.Collections.Immutable;
using Lumen.Adapters.Prometheus;
using Lumen.Core.Sli;
using Lumen.Runtime.Loop;

namespace Lumen.Cli.Hosting;

/// <summary>
/// The start-up backfill's source in live mode: the stage's Prometheus, read with the same SLI
/// templates as a tick (<see cref="PrometheusSliSource.ReadHistoryAsync"/>, one <c>query_range</c>
/// per SLI for every service), for the canary track only, which is what the mappers read.
/// </summary>
internal sealed class PrometheusHistorySource(PrometheusSliSource canaryOnly) : IHistorySource
{
    public async Task<HistoryChunk> ReadAsync(DateTimeOffset start, DateTimeOffset end, TimeSpan step, bool rpsOnly, CancellationToken cancellationToken)
    {
        var history = await canaryOnly.ReadHistoryAsync(start, end, step, cancellationToken, rpsOnly ? [SliNames.Rps] : null).ConfigureAwait(false);
        return new HistoryChunk(
            history.Tracks.Where(kv => kv.Key.Track == SliTracks.Canary).ToImmutableDictionary(kv => kv.Key.Service, kv => kv.Value, StringComparer.Ordinal),
            history.Problems);
    }
}
