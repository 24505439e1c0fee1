using System.Collections.Immutable;
using System.Globalization;
using Lumen.Adapters.Config;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Params;

/// <summary>
/// Every endpoint, policy, SLO and canary value of one stage as <c>LUMEN_*</c> variables (plus the
/// override variables Lumen itself reads: DRY_RUN, REWARD_MIX_LAMBDA, ...), from settings that already
/// have the environment overrides applied. Secrets never appear: only the names of the variables
/// that hold them. docs/configuration.md lists the variables.
/// </summary>
public static class StageParameters
{
    public const string SecretEnvNames = "LUMEN_SECRET_ENV_NAMES";

    public static ImmutableArray<EnvVariable> Build(LumenSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stage = settings.Stage ?? throw new ArgumentException("settings without a chosen stage", nameof(settings));
        var p = stage.Policy;
        var v = ImmutableArray.CreateBuilder<EnvVariable>();
        Add(v, EnvVars.Stage, stage.Name);
        Add(v, EnvVars.ConfigDir, settings.ConfigDir);
        Add(v, EnvVars.StateDir, settings.Env.StateDir);
        Add(v, EnvVars.PrometheusUrl, stage.Endpoints.Prometheus.OriginalString);
        Add(v, "LUMEN_LOKI_URL", stage.Endpoints.Loki?.OriginalString ?? "");
        Add(v, "LUMEN_ALERTMANAGER_URL", stage.Endpoints.Alertmanager?.OriginalString ?? "");
        Add(v, "LUMEN_SLACK_WEBHOOK_ENV", stage.Endpoints.SlackWebhookEnv ?? "");
        Add(v, SecretEnvNames, string.Join(' ', SecretNames(settings)));
        Add(v, "LUMEN_SERVICES", string.Join(' ', settings.Config.Services.Services.Select(s => s.Name)));
        Add(v, "LUMEN_INTERVAL_SECONDS", Num(p.IntervalSeconds));
        Add(v, EnvVars.DryRun, Flag(p.DryRun));
        Add(v, EnvVars.SafeApply, Flag(settings.Env.SafeApply ?? false));
        Add(v, EnvVars.ApprovalRequired, Flag(p.ApprovalRequired));
        Add(v, EnvVars.RewardMixLambda, Num(p.RewardMixLambda));
        Add(v, "LUMEN_LINUCB_ALPHA", Num(p.LinUcbAlpha));
        Add(v, "LUMEN_CONSERVATIVE", Flag(p.Conservative));
        Add(v, "LUMEN_MAX_ACTIVE_ADJUSTMENTS", Num(p.MaxActiveAdjustments));
        Add(v, "LUMEN_DELTA_CLAMP", Num(p.DeltaClamp));
        Add(v, "LUMEN_TTL_MINUTES", Num(p.TtlMinutes));
        Add(v, "LUMEN_COOLDOWN_MINUTES", Num(p.CooldownMinutes));
        Add(v, "LUMEN_SLO_LATENCY_P95_MS", Num(stage.Slo.LatencyP95Ms));
        Add(v, "LUMEN_SLO_ERROR_RATE", Num(stage.Slo.ErrorRate));
        Add(v, "LUMEN_COHERENCE_MIN", Num(stage.Slo.CoherenceMin));
        if (settings.Canary is { } c)
        {
            Add(v, "LUMEN_CANARY_CONFIDENCE", Num(c.Confidence));
            Add(v, "LUMEN_CANARY_MIN_SAMPLES", c.MinSamples.ToString(CultureInfo.InvariantCulture));
            Add(v, "LUMEN_CANARY_MIN_INTERVALS", Num(c.MinIntervals));
            Add(v, "LUMEN_CANARY_MAX_INTERVALS", Num(c.MaxIntervals));
            Add(v, "LUMEN_CANARY_SAME_PHASE", Flag(c.SamePhase));
            Add(v, "LUMEN_CANARY_ALLOWED_PHASES", string.Join(' ', c.AllowedPhases.Select(ph => ph.ToString().ToLowerInvariant())));
            Add(v, "LUMEN_CANARY_WATCH_MINUTES", Num(c.WatchMinutes));
        }

        return v.ToImmutable();
    }

    /// <summary>The variables that hold secrets (the Slack webhook, executor tokens), by name only.</summary>
    private static IEnumerable<string> SecretNames(LumenSettings settings)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (settings.Stage?.Endpoints.SlackWebhookEnv is { Length: > 0 } slack)
        {
            names.Add(slack);
        }

        foreach (var service in settings.Config.Services.Services)
        {
            foreach (var spec in new[] { service.Executors.Canary, service.Executors.Baseline })
            {
                if (spec is HttpExecutorSpec { TokenEnv: { Length: > 0 } token })
                {
                    names.Add(token);
                }

                if (spec is KubernetesExecutorSpec { TokenEnv: { Length: > 0 } kubeToken })
                {
                    names.Add(kubeToken);
                }
            }
        }

        return names;
    }

    private static void Add(ImmutableArray<EnvVariable>.Builder v, string name, string value) => v.Add(new(name, value));

    private static string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Num(int x) => x.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool b) => b ? "1" : "0";
}
