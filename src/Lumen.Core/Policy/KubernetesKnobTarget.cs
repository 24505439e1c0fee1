namespace Lumen.Core.Policy;

/// <summary>
/// A knob's place in Kubernetes, written in services.yaml as <c>env:NAME</c>,
/// <c>configmap:NAME/KEY</c> or <c>replicas</c>.
/// </summary>
public sealed record KubernetesKnobTarget(KubernetesKnobTargetKind Kind, string? ConfigMap, string Name)
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
            if (!IsEnvName(name))
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
            if (!IsDnsSubdomain(map))
            {
                error = $"expected a ConfigMap name (lower-case DNS subdomain) in configmap:NAME/KEY, found \"{map}\"";
                return false;
            }

            if (!IsConfigMapKey(key))
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

    // Hand-written rather than regular expressions: the core references the base library only.
    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_';

    /// <summary>The API server's rule for env names: [-._a-zA-Z][-._a-zA-Z0-9]*.</summary>
    private static bool IsEnvName(string s) => s.Length > 0 && !char.IsAsciiDigit(s[0]) && s.All(IsNameChar);

    /// <summary>ConfigMap keys: [-._a-zA-Z0-9]+, at most 253.</summary>
    private static bool IsConfigMapKey(string s) => s.Length is > 0 and <= 253 && s.All(IsNameChar);

    /// <summary>A lower-case RFC 1123 subdomain: dot-separated labels of [a-z0-9-] that start and end alphanumeric, at most 253.</summary>
    private static bool IsDnsSubdomain(string s) =>
        s.Length is > 0 and <= 253 && s.Split('.').All(label =>
            label.Length > 0
            && label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && label[0] != '-' && label[^1] != '-');
}
