using System.Collections.Immutable;
using Lumen.Core.Documents;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Config;

/// <summary>Maps <c>stage_matrix.yaml</c> to a <see cref="StageMatrix"/> (keys and types; values are
/// checked by <see cref="StageMatrixValidator"/>).</summary>
internal static class StageMatrixReader
{
    private static readonly string[] RootKeys = ["version", "stages"];
    private static readonly string[] StageKeys = ["endpoints", "selector", "policy", "slo", "coordination", "alerting"];
    private static readonly string[] AlertingKeys = ["runbook_base", "pager", "pager_key_file", "slack_url_file"];
    private static readonly string[] CoordinationKeys = ["engine", "endpoint", "prefix", "lease_ttl_seconds", "replica_env", "namespace", "kubeconfig", "context"];
    private static readonly string[] EndpointKeys = ["prometheus", "loki", "alertmanager", "slack_webhook_env"];
    private static readonly string[] PolicyKeys =
    [
        "interval_seconds", "dry_run", "reward_mix_lambda", "linucb_alpha", "conservative",
        "max_active_adjustments", "delta_clamp", "ttl_minutes", "cooldown_minutes", "approval_required",
    ];

    private static readonly string[] SloKeys = ["latency_p95_ms", "error_rate", "coherence_min"];

    /// <summary>Used for every policy key that is left out (docs/configuration.md).</summary>
    public static StagePolicy DefaultPolicy { get; } = new(
        IntervalSeconds: 30,
        DryRun: true,
        RewardMixLambda: 0.3,
        LinUcbAlpha: 0.1,
        Conservative: false,
        MaxActiveAdjustments: 1,
        DeltaClamp: 0.10,
        TtlMinutes: 30,
        CooldownMinutes: 10,
        ApprovalRequired: false);

    public static StageMatrix? Read(YNode root, NodeReader r)
    {
        if (r.AsMapping(root, "", "a mapping with keys version and stages") is not { } map)
        {
            return null;
        }

        r.CheckKeys(map, "", RootKeys);
        r.Version(map);
        var stages = ImmutableArray.CreateBuilder<StageConfig>();
        if (r.Get(map, "", "stages", "a mapping of stage name to endpoints, policy and slo") is { } node
            && r.AsMapping(node, "stages", "a mapping of stage name to endpoints, policy and slo") is { } stagesMap)
        {
            foreach (var entry in stagesMap.Entries)
            {
                var path = ConfigPaths.Stage(entry.Key.Value);
                r.Note(path, entry.Key);
                if (r.AsMapping(entry.Value, path, "a mapping with keys endpoints, policy and slo") is { } stage)
                {
                    stages.Add(ReadStage(entry.Key.Value, stage, path, r));
                }
            }
        }

        return new StageMatrix(stages.ToImmutable());
    }

    private static StageConfig ReadStage(string name, YMapping stage, string path, NodeReader r)
    {
        r.CheckKeys(stage, path, StageKeys);
        var endpoints = new StageEndpoints(new Uri("http://placeholder.invalid"), null, null, null);
        var ep = NodeReader.Join(path, "endpoints");
        if (r.Get(stage, path, "endpoints", "a mapping with the key prometheus") is { } epNode
            && r.AsMapping(epNode, ep, "a mapping with the key prometheus") is { } epMap)
        {
            r.CheckKeys(epMap, ep, EndpointKeys);
            endpoints = new StageEndpoints(
                r.Url(epMap, ep, "prometheus", required: true) ?? endpoints.Prometheus,
                r.Url(epMap, ep, "loki", required: false),
                r.Url(epMap, ep, "alertmanager", required: false),
                r.Str(epMap, ep, "slack_webhook_env", expectation: "an environment variable name"));
        }

        var policy = DefaultPolicy;
        var pp = NodeReader.Join(path, "policy");
        if (r.Get(stage, path, "policy") is { } pNode && r.AsMapping(pNode, pp, "a mapping of policy keys") is { } p)
        {
            r.CheckKeys(p, pp, PolicyKeys);
            var d = DefaultPolicy;
            policy = new StagePolicy(
                r.Int(p, pp, "interval_seconds", d.IntervalSeconds),
                r.Bool(p, pp, "dry_run", d.DryRun),
                r.Num(p, pp, "reward_mix_lambda", d.RewardMixLambda, "a number in [0, 1]"),
                r.Num(p, pp, "linucb_alpha", d.LinUcbAlpha),
                r.Bool(p, pp, "conservative", d.Conservative),
                r.Int(p, pp, "max_active_adjustments", d.MaxActiveAdjustments),
                r.Num(p, pp, "delta_clamp", d.DeltaClamp, "a number in (0, 1]"),
                r.Int(p, pp, "ttl_minutes", d.TtlMinutes, "a whole number of minutes"),
                r.Int(p, pp, "cooldown_minutes", d.CooldownMinutes, "a whole number of minutes"),
                r.Bool(p, pp, "approval_required", d.ApprovalRequired));
        }

        var slo = new Slo(double.NaN, double.NaN, double.NaN);
        var sp = NodeReader.Join(path, "slo");
        if (r.Get(stage, path, "slo", "a mapping with latency_p95_ms, error_rate and coherence_min") is { } sNode
            && r.AsMapping(sNode, sp, "a mapping with latency_p95_ms, error_rate and coherence_min") is { } s)
        {
            r.CheckKeys(s, sp, SloKeys);
            slo = new Slo(
                r.Num(s, sp, "latency_p95_ms", null, "a latency in milliseconds"),
                r.Num(s, sp, "error_rate", null, "an error ratio in (0, 1]"),
                r.Num(s, sp, "coherence_min", null, "a number in [0, 1]"));
        }

        var selector = r.Str(stage, path, "selector", expectation: "label matchers such as env=\"prod\", cluster=\"eu-1\"") ?? "";
        return new StageConfig(name, endpoints, policy, slo) { Selector = selector.Trim(), Coordination = ReadCoordination(stage, path, r), Alerting = ReadAlerting(stage, path, r) };
    }

    private static AlertingConfig ReadAlerting(YMapping stage, string path, NodeReader r)
    {
        var d = AlertingConfig.Default;
        var ap = NodeReader.Join(path, "alerting");
        if (r.Get(stage, path, "alerting") is not { } node
            || r.AsMapping(node, ap, "a mapping with runbook_base, pager (pagerduty or opsgenie), pager_key_file, slack_url_file") is not { } a)
        {
            return d;
        }

        r.CheckKeys(a, ap, AlertingKeys);
        return new AlertingConfig(
            r.Str(a, ap, "runbook_base", expectation: "an absolute URL such as " + AlertingConfig.DefaultRunbookBase),
            r.Str(a, ap, "pager", expectation: "pagerduty or opsgenie") ?? d.Pager,
            r.Str(a, ap, "pager_key_file", expectation: "an absolute file path"),
            r.Str(a, ap, "slack_url_file", expectation: "an absolute file path"));
    }

    private static CoordinationConfig ReadCoordination(YMapping stage, string path, NodeReader r)
    {
        var d = CoordinationConfig.Default;
        var cp = NodeReader.Join(path, "coordination");
        if (r.Get(stage, path, "coordination") is not { } node
            || r.AsMapping(node, cp, "a mapping with engine (local, etcd or kubernetes), endpoint, prefix, lease_ttl_seconds, replica_env, namespace, kubeconfig, context") is not { } c)
        {
            return d;
        }

        r.CheckKeys(c, cp, CoordinationKeys);
        var ttl = c.Find("lease_ttl_seconds") is not null
            ? r.Int(c, cp, "lease_ttl_seconds", null, "a whole number of seconds")
            : (int?)null;
        return new CoordinationConfig(
            r.Str(c, cp, "engine", expectation: "local, etcd or kubernetes") ?? d.Engine,
            r.Url(c, cp, "endpoint", required: false),
            r.Str(c, cp, "prefix", expectation: "a key prefix such as /lumen/") ?? d.Prefix,
            ttl,
            r.Str(c, cp, "replica_env", expectation: "an environment variable name") ?? d.ReplicaEnv)
        {
            Namespace = r.Str(c, cp, "namespace", expectation: "a Kubernetes namespace"),
            Kubeconfig = r.Str(c, cp, "kubeconfig", expectation: "a kubeconfig path"),
            Context = r.Str(c, cp, "context", expectation: "a kubeconfig context name"),
        };
    }
}
