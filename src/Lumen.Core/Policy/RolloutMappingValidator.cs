namespace Lumen.Core.Policy;

/// <summary>Value checks of a service's <c>rollout:</c> block and the uniqueness of its targets across services.</summary>
internal static class RolloutMappingValidator
{
    public static void Validate(ProblemSink sink, string p, RolloutMapping rollout)
    {
        if (rollout.Targets.IsEmpty)
        {
            sink.Add(p, "expected at least one Flagger canary (flagger: [NAMESPACE/NAME]) or Argo rollout (argo: [NAMESPACE/NAME]), found none");
        }

        foreach (var (key, name) in new[] { ("latency_metric", rollout.LatencyMetric), ("errors_metric", rollout.ErrorsMetric) })
        {
            if (!IsName(name, allowColon: true))
            {
                sink.Add($"{p}.{key}", $"expected a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), found {ConfigText.Quote(name)}");
            }
        }

        if (!RolloutMapping.LatencyUnits.Contains(rollout.LatencyUnit, StringComparer.Ordinal))
        {
            sink.Add($"{p}.latency_unit", $"expected one of {string.Join(", ", RolloutMapping.LatencyUnits)}, found {ConfigText.Quote(rollout.LatencyUnit)}");
        }

        if (rollout.TrackLabel is null)
        {
            foreach (var (key, value) in new[] { ("baseline", rollout.Baseline), ("canary", rollout.Canary), ("selector", rollout.Selector), ("errors_selector", rollout.ErrorsSelector) })
            {
                if (value is not null)
                {
                    sink.Add($"{p}.{key}", "expected track_label as well: baseline, canary and selector describe the series when the tracks are told apart by another label than track");
                }
            }
        }
        else if (!IsName(rollout.TrackLabel, allowColon: false) || rollout.TrackLabel.StartsWith("__", StringComparison.Ordinal))
        {
            sink.Add($"{p}.track_label", $"expected a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __), found {ConfigText.Quote(rollout.TrackLabel)}");
        }

        if ((rollout.Baseline is null) != (rollout.Canary is null))
        {
            sink.Add($"{p}.{(rollout.Baseline is null ? "baseline" : "canary")}",
                "expected both baseline and canary (fixed values, e.g. Flagger's NAME-primary and NAME) or neither (the caller sends them, e.g. Argo's pod-template hashes)");
        }

        if (rollout.Baseline is { } b && rollout.Canary is { } c && string.Equals(b, c, StringComparison.Ordinal))
        {
            sink.Add($"{p}.canary", $"expected a value other than the baseline's, found {ConfigText.Quote(c)} for both");
        }

        foreach (var (key, value) in new[] { ("baseline", rollout.Baseline), ("canary", rollout.Canary), ("selector", rollout.Selector), ("errors_selector", rollout.ErrorsSelector) })
        {
            if (value is not null && (value.Length == 0 || value.Contains('{', StringComparison.Ordinal) || value.Contains('}', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)))
            {
                sink.Add($"{p}.{key}", $"expected a non-empty value without braces or line breaks, found {ConfigText.Quote(value)}");
            }
        }

        if (rollout.Window.Value < TimeSpan.FromMinutes(1))
        {
            sink.Add($"{p}.window", $"expected a Prometheus duration of at least 1m, found {ConfigText.Quote(rollout.Window.Text)}");
        }
    }

    /// <summary>A Flagger canary or Argo rollout maps to one service only: the caller must get one answer.</summary>
    public static void Unique(ProblemSink sink, ServiceCatalog catalog)
    {
        var seen = new Dictionary<RolloutRef, string>();
        for (var i = 0; i < catalog.Services.Length; i++)
        {
            if (catalog.Services[i].Rollout is not { } rollout)
            {
                continue;
            }

            foreach (var target in rollout.Targets)
            {
                if (!seen.TryAdd(target, catalog.Services[i].Name))
                {
                    sink.Add($"{ConfigPaths.Service(i)}.rollout", $"expected each canary or rollout under one service only, found {target} again (first under service {ConfigText.Quote(seen[target])})");
                }
            }
        }
    }

    private static bool IsName(string name, bool allowColon) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':'));
}
