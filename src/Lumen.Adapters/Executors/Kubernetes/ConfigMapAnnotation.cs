using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Lumen.Adapters.Executors.Kubernetes;

/// <summary>
/// The pod-template annotation that carries a ConfigMap knob's value into the Deployment:
/// <c>config.lumen.dev/&lt;configmap&gt;.&lt;key&gt;: "&lt;value&gt;"</c>. Changing it rolls the pods,
/// so they restart with the new ConfigMap; when the names are too long or not a valid annotation
/// name, the name part is a hash of them.
/// </summary>
internal static partial class ConfigMapAnnotation
{
    public const string Prefix = "config.lumen.dev/";

    public static string Key(string configMap, string key)
    {
        var name = $"{configMap}.{key}";
        if (name.Length <= 63 && AnnotationName().IsMatch(name))
        {
            return Prefix + name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{configMap}/{key}")))[..16];
        return $"{Prefix}{hash}";
    }

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex AnnotationName();
}
