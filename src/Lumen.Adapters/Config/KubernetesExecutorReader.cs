using System.Collections.Immutable;
using Lumen.Core.Documents;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Config;

/// <summary>Reads a <c>kind: kubernetes</c> executor mapping; each knob target is checked here so a typo is reported with its line.</summary>
internal static class KubernetesExecutorReader
{
    public static KubernetesExecutorSpec Read(YMapping m, string p, NodeReader r)
    {
        var knobs = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var knobsPath = NodeReader.Join(p, "knobs");
        if (r.Get(m, p, "knobs", $"a mapping of knob name to {KubernetesKnobTarget.Expected}") is { } node
            && r.AsMapping(node, knobsPath, $"a mapping of knob name to {KubernetesKnobTarget.Expected}") is { } map)
        {
            foreach (var entry in map.Entries)
            {
                var path = NodeReader.Join(knobsPath, entry.Key.Value);
                if (r.AsString(entry.Value, path, KubernetesKnobTarget.Expected) is not { } text)
                {
                    continue;
                }

                if (!KubernetesKnobTarget.TryParse(text, out _, out var error))
                {
                    r.Error(entry.Value.Position, path, error);
                    continue;
                }

                knobs[entry.Key.Value] = text.Trim();
            }
        }

        return new KubernetesExecutorSpec(
            r.Str(m, p, "namespace", expectation: "a namespace name"),
            r.Str(m, p, "deployment", "a Deployment name", "a Deployment name") ?? "placeholder",
            r.Str(m, p, "container", expectation: "a container name"),
            knobs.ToImmutable(),
            r.Str(m, p, "kubeconfig", expectation: "a kubeconfig file path"),
            r.Str(m, p, "context", expectation: "a kubeconfig context name"),
            r.Str(m, p, "token_env", expectation: "an environment variable name"),
            r.Int(m, p, "timeout_ms", KubernetesExecutorSpec.DefaultTimeoutMs, "a whole number of milliseconds"),
            r.Int(m, p, "rollout_timeout_ms", KubernetesExecutorSpec.DefaultRolloutTimeoutMs, "a whole number of milliseconds"));
    }
}
