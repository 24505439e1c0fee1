using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>Value and cross-field checks of <c>stage_matrix.yaml</c> (types and keys are the loader's job).</summary>
public static class StageMatrixValidator
{
    public const int MaxIntervalSeconds = 86_400;

    public static ImmutableArray<ConfigProblem> Validate(StageMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var sink = new ProblemSink(ConfigFiles.StageMatrix);
        if (matrix.Stages.IsDefaultOrEmpty)
        {
            sink.Add("stages", "expected at least one stage, found none");
            return sink.ToImmutable();
        }

        foreach (var stage in matrix.Stages)
        {
            var p = ConfigPaths.Stage(stage.Name);
            sink.Identifier(p, stage.Name, "stage");
            sink.HttpUrl($"{p}.endpoints.prometheus", stage.Endpoints.Prometheus);
            sink.HttpUrl($"{p}.endpoints.loki", stage.Endpoints.Loki);
            sink.HttpUrl($"{p}.endpoints.alertmanager", stage.Endpoints.Alertmanager);
            sink.EnvVarName($"{p}.endpoints.slack_webhook_env", stage.Endpoints.SlackWebhookEnv);
            if (stage.Selector.Length > 0 && !LabelSelector.IsValid(stage.Selector))
            {
                sink.Add($"{p}.selector", $"expected label matchers separated by commas, such as env=\"prod\", cluster=~\"eu-.*\", found {ConfigText.Quote(stage.Selector)}");
            }

            ValidatePolicy(sink, $"{p}.policy", stage.Policy);
            ValidateCoordination(sink, $"{p}.coordination", stage.Coordination, stage.Policy.IntervalSeconds);
            ValidateSlo(sink, $"{p}.slo", stage.Slo);
            ValidateAlerting(sink, $"{p}.alerting", stage.Alerting);
        }

        return sink.ToImmutable();
    }

    private static void ValidatePolicy(ProblemSink sink, string p, StagePolicy policy)
    {
        sink.Range($"{p}.interval_seconds", policy.IntervalSeconds, 1, MaxIntervalSeconds);
        sink.Range($"{p}.reward_mix_lambda", policy.RewardMixLambda, 0, 1);
        sink.AtLeast($"{p}.linucb_alpha", policy.LinUcbAlpha, 0);
        sink.AtLeast($"{p}.max_active_adjustments", policy.MaxActiveAdjustments, 0, "0 means never act");
        sink.Range($"{p}.delta_clamp", policy.DeltaClamp, 0, 1, loOpen: true);
        sink.AtLeast($"{p}.ttl_minutes", policy.TtlMinutes, 1, "every adjustment must expire");
        sink.AtLeast($"{p}.cooldown_minutes", policy.CooldownMinutes, 0);
    }

    private static void ValidateCoordination(ProblemSink sink, string p, CoordinationConfig c, int intervalSeconds)
    {
        if (!CoordinationConfig.Engines.Contains(c.Engine, StringComparer.Ordinal))
        {
            sink.Add($"{p}.engine", $"expected one of {string.Join(", ", CoordinationConfig.Engines)}, found {ConfigText.Quote(c.Engine)}");
            return;
        }

        if (c.Engine == CoordinationConfig.Local)
        {
            return;
        }

        if (c.Engine == CoordinationConfig.Etcd)
        {
            if (c.Endpoint is null)
            {
                sink.Add($"{p}.endpoint", "expected the etcd client URL (such as http://etcd:2379), found nothing");
            }

            sink.HttpUrl($"{p}.endpoint", c.Endpoint);
        }
        else
        {
            if (c.Endpoint is not null)
            {
                sink.Add($"{p}.endpoint", "expected no endpoint for engine kubernetes (the API server comes from the pod or the kubeconfig), found one");
            }

            if (c.Namespace is { } ns && !IsDnsLabel(ns))
            {
                sink.Add($"{p}.namespace", $"expected a Kubernetes namespace (lower-case letters, digits and '-', at most 63), found {ConfigText.Quote(ns)}");
            }
        }

        if (c.Prefix.Length < 2 || c.Prefix[0] != '/' || c.Prefix[^1] != '/')
        {
            sink.Add($"{p}.prefix", $"expected a key prefix that starts and ends with /, such as /lumen/, found {ConfigText.Quote(c.Prefix)}");
        }
        else if (c.Engine == CoordinationConfig.Kubernetes && !IsDnsLabel(c.LeasePrefix))
        {
            sink.Add($"{p}.prefix", $"expected a prefix whose inner part is usable in a Lease name (lower-case letters, digits and '-', such as /lumen/), found {ConfigText.Quote(c.Prefix)}");
        }

        sink.EnvVarName($"{p}.replica_env", c.ReplicaEnv);
        if (c.LeaseTtlSeconds is { } ttl && ttl < Math.Max(2, 2 * intervalSeconds))
        {
            sink.Add($"{p}.lease_ttl_seconds",
                $"expected at least {Math.Max(2, 2 * intervalSeconds)} (two ticks of {intervalSeconds} s: a claim is renewed once per tick), found {ttl}");
        }
    }

    private static void ValidateAlerting(ProblemSink sink, string p, AlertingConfig a)
    {
        if (a.RunbookBase is { } runbook && !AlertingConfig.IsRunbookUrl(runbook))
        {
            sink.Add($"{p}.runbook_base", $"expected an absolute http(s) URL without spaces, # or braces, such as {AlertingConfig.DefaultRunbookBase}, found {ConfigText.Quote(runbook)}");
        }

        if (!AlertingConfig.Pagers.Contains(a.Pager, StringComparer.Ordinal))
        {
            sink.Add($"{p}.pager", $"expected one of {string.Join(", ", AlertingConfig.Pagers)}, found {ConfigText.Quote(a.Pager)}");
        }

        foreach (var (key, value) in new[] { ("pager_key_file", a.PagerKeyFile), ("slack_url_file", a.SlackUrlFile) })
        {
            if (value is not null && !AlertingConfig.IsSecretFilePath(value))
            {
                sink.Add($"{p}.{key}", $"expected an absolute file path (Alertmanager reads the secret from it), found {ConfigText.Quote(value)}");
            }
        }
    }

    private static bool IsDnsLabel(string text) =>
        text.Length is > 0 and <= 63 && text.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && text[0] != '-' && text[^1] != '-';

    private static void ValidateSlo(ProblemSink sink, string p, Slo slo)
    {
        sink.Positive($"{p}.latency_p95_ms", slo.LatencyP95Ms, "milliseconds");
        sink.Range($"{p}.error_rate", slo.ErrorRate, 0, 1, loOpen: true, why: "a ratio: 0.02 is 2 %");
        sink.Range($"{p}.coherence_min", slo.CoherenceMin, 0, 1);
    }
}
