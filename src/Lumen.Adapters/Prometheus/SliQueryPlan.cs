using System.Collections.Immutable;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// The batched queries of one tick: services that share an SLI's template and window share one query
/// (with the default config: one query per SLI for every service and track). Built once at start-up;
/// a template that cannot be batched is reported in <see cref="Problem"/> and its readings are Error.
/// </summary>
/// <param name="Sli">The SLI key (<see cref="SliNames"/>).</param>
/// <param name="Query">The rendered PromQL.</param>
/// <param name="Expected">The (service, track) pairs the query answers for.</param>
internal sealed record SliQueryPlan(string Sli, string Query, ImmutableArray<(string Service, string Track)> Expected, string? Problem)
{
    public static ImmutableArray<SliQueryPlan> For(IReadOnlyList<ServiceConfig> services, IReadOnlyList<string> tracks)
    {
        var plans = ImmutableArray.CreateBuilder<SliQueryPlan>();
        foreach (var (sli, pick) in Templates)
        {
            var groups = services
                .Select(s => (Service: s, Template: pick(s.Sli)))
                .Where(x => x.Template is not null)
                .GroupBy(x => (Template: x.Template!, Window: x.Service.Window.Text));
            foreach (var group in groups)
            {
                var names = group.Select(x => x.Service.Name).ToList();
                var expected = names.SelectMany(n => tracks.Select(t => (n, t))).ToImmutableArray();
                var problem = SliQueryBuilder.Problem(group.Key.Template);
                var query = SliQueryBuilder.Render(group.Key.Template, names, tracks, group.Key.Window);
                plans.Add(new SliQueryPlan(sli, query, expected, problem is null ? null : $"{sli} template of {string.Join(", ", names)}: {problem}"));
            }
        }

        return plans.ToImmutable();
    }

    // An SLI read from Loki has no PromQL template: PromQl gives null and the service is left out.
    private static readonly (string Sli, Func<SliQueries, string?> Pick)[] Templates =
    [
        (SliNames.P95Ms, q => q.PromQl("p95_ms")),
        (SliNames.ErrorRate, q => q.PromQl("error_rate")),
        (SliNames.Rps, q => q.PromQl("rps")),
        (SliNames.Saturation, q => q.PromQl("saturation")),
    ];
}
