using System.Collections.Immutable;
using Lumen.Adapters.Config;
using Lumen.Adapters.Prometheus;
using Lumen.Core.Policy;
using Lumen.Core.Sli;

namespace Lumen.Adapters.Loki;

/// <summary>
/// Composes the loop's SLI source from services.yaml and the stage: Prometheus alone when no service has
/// an <c>sli.loki</c> template, otherwise Prometheus and one LogQL query per (SLI, template, window),
/// batched over the services that share it, against the stage's <c>endpoints.loki</c>. Loki credentials
/// come from <c>LOKI_BEARER_TOKEN</c> or <c>LOKI_USERNAME</c>/<c>LOKI_PASSWORD</c> (or their <c>_FILE</c>
/// twins), the tenant from <c>LOKI_TENANT_ID</c>.
/// </summary>
public static class LokiSliSources
{
    /// <summary>The environment variable naming the Loki tenant (<c>X-Scope-OrgID</c>), optional.</summary>
    public const string TenantEnv = "LOKI_TENANT_ID";

    /// <summary>The LogQL queries of the services (empty when none reads from Loki).</summary>
    public static ImmutableArray<LokiSliQueryPlan> Plan(IReadOnlyList<ServiceConfig> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return [.. services
            .SelectMany(s => s.Sli.Loki.Select(kv => (Service: s.Name, Sli: kv.Key, Template: kv.Value, Window: s.Window.Text)))
            .GroupBy(x => (x.Sli, x.Template, x.Window))
            .Select(g => new LokiSliQueryPlan(new LokiSliQuery(g.Key.Sli, g.Key.Template, g.Key.Window), [.. g.Select(x => x.Service)]))];
    }

    /// <summary>
    /// The source the loop reads: <paramref name="prometheus"/> itself when no service uses Loki. An
    /// error (and no source) when a service uses Loki but the stage has no Loki URL, or the Loki
    /// credentials are inconsistent: a start-up problem, reported before anything is changed.
    /// </summary>
    public static (ISliSource? Source, string? Error) Compose(
        PrometheusSliSource prometheus,
        IReadOnlyList<ServiceConfig> services,
        StageConfig stage,
        IEnvironmentVariables env,
        HttpClient http,
        TimeProvider time,
        TimeSpan staleAfter,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(env);
        var plans = Plan(services);
        if (plans.IsEmpty)
        {
            return (prometheus, null);
        }

        if (stage.Endpoints.Loki is not { } url)
        {
            var users = string.Join(", ", plans.SelectMany(p => p.Services.Select(s => $"{s} ({p.Query.Sli})")).Distinct(StringComparer.Ordinal));
            return (null, $"stage_matrix.yaml: {ConfigPaths.Stage(stage.Name)}.endpoints.loki: expected Loki's URL: services.yaml reads {users} from Loki (sli.loki)");
        }

        var (auth, authError) = PrometheusAuthReader.Read(new SecretReader(env), "LOKI");
        if (authError is not null)
        {
            return (null, authError);
        }

        var options = new PrometheusClientOptions(url, timeout, Auth: auth, TenantId: env.Get(TenantEnv) is { Length: > 0 } t ? t : null);
        var loki = plans.Select(p => new LokiSliSource(p.Services, p.Query, options, http, time, staleAfter));
        return (new PrometheusAndLokiSliSource(prometheus, loki, services), null);
    }
}
