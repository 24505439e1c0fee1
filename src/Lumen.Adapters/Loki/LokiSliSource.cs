using System.Collections.Immutable;
using Lumen.Adapters.Prometheus;
using Lumen.Core.Sli;

namespace Lumen.Adapters.Loki;

/// <summary>
/// The Loki collector (optional per service, docs/live.md): one LogQL metric query per tick for all the
/// services that use it, through <c>/loki/api/v1/query</c>. Loki answers in the Prometheus API's shape
/// (<c>status</c>, <c>data.resultType</c>, <c>data.result</c>, plus <c>data.stats</c>, ignored), so the
/// answer is parsed and classified exactly like a Prometheus one: Ok, Missing, Stale, Invalid or Error
/// with the reason. A log query (<c>resultType: streams</c>) is an Error: a metric query is needed.
/// </summary>
/// <remarks>
/// Built by <see cref="LokiSliSources"/> from the <c>sli.loki</c> templates of services.yaml. Loki cannot
/// run on the build machine, so it is tested against answers in the documented format only.
/// </remarks>
public sealed class LokiSliSource
{
    private readonly PrometheusClient _client;
    private readonly LokiSliQuery _query;
    private readonly ImmutableArray<(string Service, string Track)> _expected;
    private readonly string _rendered;
    private readonly string? _problem;
    private readonly TimeSpan _staleAfter;

    /// <param name="options">Loki's root URL (<c>http://loki:3100/</c>), timeout, retries, auth (prefix <c>LOKI</c> in <see cref="PrometheusAuthReader"/>), tenant (<c>X-Scope-OrgID</c>).</param>
    public LokiSliSource(
        IEnumerable<string> services,
        LokiSliQuery query,
        PrometheusClientOptions options,
        HttpClient http,
        TimeProvider time,
        TimeSpan? staleAfter = null,
        IEnumerable<string>? tracks = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var names = services.ToList();
        var trackList = (tracks ?? [SliTracks.Baseline, SliTracks.Canary]).ToList();
        _client = new PrometheusClient(options, http, time, loki: true);
        _query = query;
        _expected = [.. names.SelectMany(s => trackList.Select(t => (s, t)))];
        _rendered = SliQueryBuilder.Render(query.Template, names, trackList, query.Window);
        _problem = SliQueryBuilder.Problem(query.Template);
        _staleAfter = staleAfter ?? PrometheusSliSource.DefaultStaleAfter;
    }

    /// <summary>The LogQL sent each tick.</summary>
    public string Query => _rendered;

    public async Task<SliCollection> CollectAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var answer = _problem is null
            ? await _client.QueryAsync(_rendered, now, cancellationToken).ConfigureAwait(false)
            : PromCallResult.Failed($"{_query.Sli} template: {_problem}", transient: false);
        var observations = VectorClassifier.Classify(answer, _query.Sli, _expected, now, _staleAfter);
        var warnings = answer.Data is { IsDegraded: true } d ? d.Warnings.Select(w => $"{_query.Sli}: {w}").ToImmutableArray() : [];
        return new SliCollection(now, observations, warnings, _problem is null ? 1 : 0);
    }
}
