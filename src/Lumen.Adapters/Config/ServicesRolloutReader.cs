using System.Collections.Immutable;
using Lumen.Core.Documents;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Config;

/// <summary>Reads a service's optional <c>rollout:</c> block (keys and types; values are checked by <see cref="ServiceCatalogValidator"/>).</summary>
internal static class ServicesRolloutReader
{
    private static readonly string[] Keys =
        ["flagger", "argo", "latency_metric", "errors_metric", "latency_unit", "track_label", "baseline", "canary", "selector", "errors_selector", "window"];

    public static RolloutMapping? Read(YMapping s, string p, NodeReader r)
    {
        const string expectation = "a mapping with flagger and/or argo (lists of NAMESPACE/NAME) and the metric names";
        var rp = $"{p}.rollout";
        if (r.Get(s, p, "rollout") is not { } node || r.AsMapping(node, rp, expectation) is not { } m)
        {
            return null;
        }

        r.CheckKeys(m, rp, Keys);
        var targets = ImmutableArray.CreateBuilder<RolloutRef>();
        foreach (var (key, tool) in new[] { ("flagger", RolloutTool.Flagger), ("argo", RolloutTool.Argo) })
        {
            if (r.Get(m, rp, key) is not { } list)
            {
                continue;
            }

            var items = r.StrList(list, $"{rp}.{key}", $"a list of NAMESPACE/NAME of {(tool == RolloutTool.Flagger ? "Flagger canaries" : "Argo rollouts")}");
            for (var i = 0; i < items.Length; i++)
            {
                var parts = items[i].Split('/');
                if (parts.Length != 2 || !IsDnsLabel(parts[0]) || !IsDnsName(parts[1]))
                {
                    r.Error(r.PositionOf($"{rp}.{key}[{i}]"), $"{rp}.{key}[{i}]",
                        $"expected NAMESPACE/NAME (Kubernetes names: lower-case letters, digits, '-', '.'), found \"{items[i]}\"");
                    continue;
                }

                targets.Add(new RolloutRef(tool, parts[0], parts[1]));
            }
        }

        var window = new PromDuration(RolloutMapping.DefaultWindowText, TimeSpan.FromMinutes(30));
        if (r.Str(m, rp, "window", expectation: "a Prometheus duration such as 30m") is { } w)
        {
            if (PromDuration.TryParse(w, out var parsed))
            {
                window = parsed;
            }
            else
            {
                r.Error(r.PositionOf($"{rp}.window"), $"{rp}.window", $"expected a Prometheus duration such as 15m or 1h, found \"{w}\"");
            }
        }

        return new RolloutMapping(
            targets.ToImmutable(),
            r.Str(m, rp, "latency_metric", expectation: "a Prometheus metric name") ?? RolloutMapping.DefaultLatencyMetric,
            r.Str(m, rp, "errors_metric", expectation: "a Prometheus metric name") ?? RolloutMapping.DefaultErrorsMetric,
            r.Str(m, rp, "latency_unit", expectation: "seconds or milliseconds") ?? RolloutMapping.Seconds,
            r.Str(m, rp, "track_label", expectation: "a Prometheus label name"),
            r.Str(m, rp, "baseline", expectation: "the track label's value on the stable pods"),
            r.Str(m, rp, "canary", expectation: "the track label's value on the canary pods"),
            r.Str(m, rp, "selector", expectation: "PromQL label matchers such as namespace=\"test\""),
            window,
            r.Str(m, rp, "errors_selector", expectation: "PromQL label matchers such as response_code=~\"5..\""));
    }

    internal static bool IsDnsLabel(string s) =>
        s.Length is > 0 and <= 63 && s[0] != '-' && s[^1] != '-'
        && s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    internal static bool IsDnsName(string s) =>
        s.Length is > 0 and <= 253 && s.Split('.').All(IsDnsLabel);
}
