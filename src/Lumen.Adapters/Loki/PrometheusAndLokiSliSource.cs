using System.Collections.Immutable;
using Lumen.Adapters.Prometheus;
using Lumen.Core.Policy;
using Lumen.Core.Sli;

namespace Lumen.Adapters.Loki;

/// <summary>
/// The loop's SLI source when some SLIs come from Loki (<c>sli.loki</c> in services.yaml): each tick the
/// Prometheus queries and the LogQL queries run at once, at the same evaluation time, and their readings
/// are merged per (service, track, SLI). A Loki reading carries the same statuses as a Prometheus one
/// (Ok, Missing, Stale, Invalid, Error): an unreachable Loki makes those SLIs Error, never zero.
/// </summary>
public sealed class PrometheusAndLokiSliSource : ISliSource
{
    private readonly PrometheusSliSource _prometheus;
    private readonly ImmutableArray<LokiSliSource> _loki;
    private readonly ImmutableArray<ServiceConfig> _services;
    private readonly ImmutableArray<string> _tracks;

    public PrometheusAndLokiSliSource(PrometheusSliSource prometheus, IEnumerable<LokiSliSource> loki, IEnumerable<ServiceConfig> services, IEnumerable<string>? tracks = null)
    {
        _prometheus = prometheus ?? throw new ArgumentNullException(nameof(prometheus));
        _loki = [.. loki];
        _services = [.. services];
        _tracks = [.. tracks ?? [SliTracks.Baseline, SliTracks.Canary]];
    }

    /// <summary>The LogQL sent each tick, one per SLI template and window (for <c>lumen health</c>).</summary>
    public ImmutableArray<string> LokiQueries => [.. _loki.Select(l => l.Query)];

    public async Task<SliSnapshot> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await CollectAsync(now, cancellationToken).ConfigureAwait(false)).ToSnapshot(_services, _tracks);

    /// <summary>Every reading of both backends with its reason and their warnings.</summary>
    public async Task<SliCollection> CollectAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var prometheus = _prometheus.CollectAsync(now, cancellationToken);
        var loki = Task.WhenAll(_loki.Select(l => l.CollectAsync(now, cancellationToken)));
        await Task.WhenAll(prometheus, loki).ConfigureAwait(false);
        var all = new[] { prometheus.Result }.Concat(loki.Result).ToList();
        return new SliCollection(
            now,
            [.. all.SelectMany(c => c.Observations)],
            [.. all.SelectMany(c => c.Warnings)],
            all.Sum(c => c.Queries));
    }
}
