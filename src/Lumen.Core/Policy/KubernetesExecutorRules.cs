namespace Lumen.Core.Policy;

/// <summary>What a <c>kind: kubernetes</c> executor must satisfy beyond its syntax: every knob of the service has a place, timeouts in range.</summary>
internal static class KubernetesExecutorRules
{
    public const int MaxRolloutTimeoutMs = 3_600_000;

    public static void Validate(ProblemSink sink, string p, KubernetesExecutorSpec spec, ServiceConfig service)
    {
        sink.EnvVarName($"{p}.token_env", spec.TokenEnv);
        sink.Range($"{p}.timeout_ms", spec.TimeoutMs, 1, ServiceCatalogValidator.MaxTimeoutMs);
        sink.Range($"{p}.rollout_timeout_ms", spec.RolloutTimeoutMs, 1, MaxRolloutTimeoutMs);
        if (string.IsNullOrWhiteSpace(spec.Deployment))
        {
            sink.Add($"{p}.deployment", "expected a Deployment name, found an empty string");
        }

        foreach (var knob in service.Knobs)
        {
            if (!spec.Knobs.ContainsKey(knob.Name))
            {
                sink.Add($"{p}.knobs", $"expected a target for knob {knob.Name} ({KubernetesKnobTarget.Expected}), found none");
            }
        }

        foreach (var name in spec.Knobs.Keys.Where(k => service.FindKnob(k) is null).Order(StringComparer.Ordinal))
        {
            sink.Add($"{p}.knobs.{name}", $"expected a knob of the service ({string.Join(", ", service.Knobs.Select(k => k.Name))}), found \"{name}\"");
        }
    }
}
