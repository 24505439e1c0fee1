namespace Lumen.Core.Policy;

/// <summary>Validated environment overrides. A null value means "not set: the config decides".</summary>
/// <param name="Stage">LUMEN_STAGE: the stage to run when no <c>--stage</c> is given.</param>
/// <param name="ConfigDir">LUMEN_CONFIG_DIR, default <c>./config</c>.</param>
/// <param name="StateDir">LUMEN_STATE_DIR, default <c>./state</c>: ledger, head file, model, state.</param>
/// <param name="PrometheusUrl">LUMEN_PROMETHEUS_URL: replaces the stage's Prometheus endpoint.</param>
/// <param name="RewardMixLambda">REWARD_MIX_LAMBDA: replaces the stage's λ.</param>
/// <param name="DryRun">DRY_RUN: replaces the stage's <c>dry_run</c>.</param>
/// <param name="SafeApply">SAFE_APPLY: re-check before promotion and watch afterwards (default off).</param>
/// <param name="ApprovalRequired">APPROVAL_REQUIRED: replaces the stage's <c>approval_required</c>.</param>
public sealed record EnvOverrides(
    string? Stage,
    string ConfigDir,
    string StateDir,
    Uri? PrometheusUrl,
    double? RewardMixLambda,
    bool? DryRun,
    bool? SafeApply,
    bool? ApprovalRequired)
{
    /// <summary>No variable set.</summary>
    public static EnvOverrides None { get; } =
        new(null, EnvVars.DefaultConfigDir, EnvVars.DefaultStateDir, null, null, null, null, null);

    /// <summary>The stage as the running process sees it: the file's values with the overrides applied.</summary>
    public StageConfig ApplyTo(StageConfig stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return stage with
        {
            Endpoints = stage.Endpoints with { Prometheus = PrometheusUrl ?? stage.Endpoints.Prometheus },
            Policy = stage.Policy with
            {
                RewardMixLambda = RewardMixLambda ?? stage.Policy.RewardMixLambda,
                DryRun = DryRun ?? stage.Policy.DryRun,
                ApprovalRequired = ApprovalRequired ?? stage.Policy.ApprovalRequired,
            },
        };
    }
}
