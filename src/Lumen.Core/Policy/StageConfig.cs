namespace Lumen.Core.Policy;

/// <summary>One stage of <c>stage_matrix.yaml</c> (e.g. <c>dev</c>, <c>staging</c>, <c>prod</c>).</summary>
public sealed record StageConfig(string Name, StageEndpoints Endpoints, StagePolicy Policy, Slo Slo)
{
    /// <summary>
    /// Extra label matchers for a shared Prometheus or Loki (<c>env="prod", cluster="eu-1"</c>), or empty.
    /// <c>$selector</c> in an SLI template becomes <c>, </c> followed by these matchers (nothing when empty),
    /// so it is written right after the last matcher: <c>{service=~"$service", track=~"$track"$selector}</c>.
    /// </summary>
    public string Selector { get; init; } = "";

    /// <summary>How replicas share this stage's services (docs/scale-out.md); default one process.</summary>
    public CoordinationConfig Coordination { get; init; } = CoordinationConfig.Default;

    /// <summary>Runbook links, pager and secret files of the generated alerting (docs/alerting.md); default when left out.</summary>
    public AlertingConfig Alerting { get; init; } = AlertingConfig.Default;

    /// <summary>What <c>$selector</c> is replaced with in this stage's SLI templates.</summary>
    public string SelectorText => Selector.Length == 0 ? "" : ", " + Selector;
}
