using System.Collections.Immutable;
using Lumen.Core.Policy;
using Lumen.Core.Sli;

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// The Prometheus collector (docs/configuration.md, docs/live.md): every tick, one instant query per SLI template
/// and window for all services and tracks, evaluated at the tick's time, each answer split by
/// <c>(service, track)</c> and classified. Never throws for a backend problem: an unreachable or
/// misbehaving Prometheus gives Error readings with the reason, which the loop does not act on.
/// </summary>
public sealed class PrometheusSliSource : ISliSource
{
    /// <summary>Default freshness limit: two loop intervals of 30 s.</summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromSeconds(60);

    private readonly PrometheusClient _client;
    private readonly ImmutableArray<ServiceConfig> _services;
    private readonly ImmutableArray<string> _tracks;
    private readonly ImmutableArray<SliQueryPlan> _plans;
    private readonly TimeSpan _staleAfter;

    /// <param name="services">The services to read (their SLI templates and windows).</param>
    /// <param name="options">Where Prometheus is and how to call it.</param>
    /// <param name="http">Shared, owned by the caller; see <see cref="PrometheusHttp.CreateClient"/>.</param>
    /// <param name="time">For timeouts and retry delays.</param>
    /// <param name="staleAfter">A sample older than this (relative to the tick's time) is Stale; default <see cref="DefaultStaleAfter"/>.</param>
    /// <param name="tracks">Default: baseline and canary.</param>
    public PrometheusSliSource(
        IEnumerable<ServiceConfig> services,
        PrometheusClientOptions options,
        HttpClient http,
        TimeProvider time,
        TimeSpan? staleAfter = null,
        IEnumerable<string>? tracks = null)
        : this(new PrometheusClient(options, http, time), services, staleAfter, tracks)
    {
    }

    internal PrometheusSliSource(PrometheusClient client, IEnumerable<ServiceConfig> services, TimeSpan? staleAfter = null, IEnumerable<string>? tracks = null)
    {
        _client = client;
        _services = [.. services];
        _tracks = [.. tracks ?? [SliTracks.Baseline, SliTracks.Canary]];
        _staleAfter = staleAfter ?? DefaultStaleAfter;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_staleAfter, TimeSpan.Zero);
        _plans = SliQueryPlan.For(_services, _tracks);
    }

    /// <summary>The PromQL sent each tick, one per batch (for <c>lumen health</c> and docs).</summary>
    public ImmutableArray<string> Queries => [.. _plans.Select(p => p.Query)];

    public async Task<SliSnapshot> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await CollectAsync(now, cancellationToken).ConfigureAwait(false)).ToSnapshot(_services, _tracks);

    /// <summary>Every reading with its reason and the backend's warnings.</summary>
    public async Task<SliCollection> CollectAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(_plans.Select(p => p.Problem is null
            ? _client.QueryAsync(p.Query, now, cancellationToken)
            : Task.FromResult(PromCallResult.Failed(p.Problem, transient: false)))).ConfigureAwait(false);
        var observations = ImmutableArray.CreateBuilder<SliObservation>();
        var warnings = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < _plans.Length; i++)
        {
            observations.AddRange(VectorClassifier.Classify(answers[i], _plans[i].Sli, _plans[i].Expected, now, _staleAfter));
            if (answers[i].Data is { IsDegraded: true } data)
            {
                warnings.AddRange(data.Warnings.Select(w => $"{_plans[i].Sli}: {w}"));
            }
        }

        return new SliCollection(now, observations.ToImmutable(), warnings.ToImmutable(), _plans.Count(p => p.Problem is null));
    }

    /// <summary>
    /// History for the mapper's backfill (<c>/api/v1/query_range</c>): one sample per step and
    /// (service, track). A step a series has no value for, or a non-finite value, becomes NaN, never 0.
    /// </summary>
    /// <param name="slis">Only these SLIs (<see cref="SliNames"/>); the others are NaN. Null = all.</param>
    public async Task<SliHistory> ReadHistoryAsync(DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken,
        IReadOnlyCollection<string>? slis = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        var plans = slis is null ? _plans : [.. _plans.Where(p => slis.Contains(p.Sli))];
        var answers = await Task.WhenAll(plans.Select(p => p.Problem is null
            ? _client.QueryRangeAsync(p.Query, start, end, step, cancellationToken)
            : Task.FromResult(PromCallResult.Failed(p.Problem, transient: false)))).ConfigureAwait(false);
        return SliHistory.Build(plans, answers, _services, _tracks, start, end, step);
    }
}
