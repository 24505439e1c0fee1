using Lumen.Adapters.Prometheus;
using Lumen.Core.Approvals;
using Lumen.Core.Policy;

namespace Lumen.Web.Rollouts;

/// <summary>What the rollout endpoints need (docs/rollout-tools.md): the stage and its canary policy, the services and
/// their <c>rollout:</c> mappings, the stage's Prometheus, where reports go and who hears of approval requests.</summary>
/// <param name="Token">The rollout token (<c>LUMEN_ROLLOUT_TOKEN</c> or <c>_FILE</c>); never logged or echoed.</param>
/// <param name="StateDir">Reports go to <c>STATE/rollouts/SERVICE/canary_report.json</c>, records beside them.</param>
/// <param name="ApprovalExpiry">How long an approval request made by confirm-promotion stays open.</param>
/// <param name="Channels">Where a new approval request is announced (Slack); the console reads it from the ledger.</param>
public sealed record RolloutOptions(
    string Token,
    StageConfig Stage,
    CanaryStagePolicy Policy,
    ServiceCatalog Services,
    PrometheusClientOptions Prometheus,
    string StateDir,
    TimeSpan ApprovalExpiry,
    IReadOnlyList<IApprovalChannel> Channels)
{
    public const string TokenVariable = "LUMEN_ROLLOUT_TOKEN";
    public const string PathBase = "/rollouts";
    public const string RateLimitPolicy = "lumen-rollouts";

    /// <summary>Requests per client address per minute (Flagger and Argo call once per analysis interval).</summary>
    public int PermitsPerMinute { get; init; } = 120;

    public override string ToString() => $"rollouts (token hidden, stage {Stage.Name})";
}
