using System.Text.RegularExpressions;

namespace Lumen.Core.Policy;

/// <summary>
/// A knob's place in Kubernetes, written in services.yaml as <c>env:NAME</c>,
/// <c>configmap:NAME/KEY</c> or <c>replicas</c>.
/// </summary>
public sealed partial record KubernetesKnobTarget(KubernetesKnobTargetKind Kind, string? ConfigMap, string Name)
{
    public const string Expected = "env:NAME, configmap:CONFIGMAP/KEY or replicas";

    /// <summary>The target, or an error saying what was expected (names follow the API server's own rules).</summary>
    public static bool TryParse(string? text, out KubernetesKnobTarget target, out string error)
    {
        target = new KubernetesKnobTarget(KubernetesKnobTargetKind.Replicas, null, "replicas");
        error = "";
        var t = text?.Trim() ?? "";
        if (t == "replicas")
        {
            return true;
        }

        if (t.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = t["env:".Length..];
            if (!EnvName().IsMatch(name))
            {
                error = $"expected an env var name after env: (letters, digits, '_', '-', '.'), found \"{name}\"";
                return false;
            }

            target = new KubernetesKnobTarget(KubernetesKnobTargetKind.EnvVar, null, name);
            return true;
        }

        if (t.StartsWith("configmap:", StringComparison.Ordinal))
        {
            var rest = t["configmap:".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var map = slash < 0 ? rest : rest[..slash];
            var key = slash < 0 ? "" : rest[(slash + 1)..];
            if (!DnsSubdomain().IsMatch(map) || map.Length > 253)
            {
                error = $"expected a ConfigMap name (lower-case DNS subdomain) in configmap:NAME/KEY, found \"{map}\"";
                return false;
            }

            if (!ConfigMapKey().IsMatch(key) || key.Length > 253)
            {
                error = $"expected a ConfigMap key (letters, digits, '_', '-', '.') in configmap:NAME/KEY, found \"{key}\"";
                return false;
            }

            target = new KubernetesKnobTarget(KubernetesKnobTargetKind.ConfigMapKey, map, key);
            return true;
        }

        error = $"expected {Expected}, found \"{t}\"";
        return false;
    }

    public override string ToString() => Kind switch
    {
        KubernetesKnobTargetKind.EnvVar => $"env:{Name}",
        KubernetesKnobTargetKind.ConfigMapKey => $"configmap:{ConfigMap}/{Name}",
        _ => "replicas",
    };

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvName();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigMapKey();
}
