using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lumen.Adapters.Executors.Kubernetes;

/// <summary>Reads the few fields the executor needs from Deployment and ConfigMap JSON; missing fields are nulls, never zeros.</summary>
internal static class DeploymentDocument
{
    public static string? ResourceVersion(JsonObject obj) =>
        obj["metadata"]?["resourceVersion"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary><c>spec.replicas</c>; the API's default is 1 when it is absent.</summary>
    public static long Replicas(JsonObject deployment) => Long(deployment, "spec", "replicas") ?? 1;

    public static long? Long(JsonObject obj, string section, string key)
    {
        if (obj[section]?[key] is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var n) ? n : null;
    }

    /// <summary>The container to set env on: the named one, or the only one. The index is for a JSON patch path.</summary>
    public static (int Index, JsonObject? Container, string Error) Container(JsonObject deployment, string? name)
    {
        var containers = deployment["spec"]?["template"]?["spec"]?["containers"] as JsonArray;
        var list = containers?.OfType<JsonObject>().ToList() ?? [];
        var names = list.Select(c => c["name"]?.GetValue<string>() ?? "?").ToList();
        if (name is null)
        {
            return list.Count == 1
                ? (0, list[0], "")
                : (-1, null, $"the pod template has {list.Count} containers ({string.Join(", ", names)}); set the executor's container");
        }

        var index = names.IndexOf(name);
        return index >= 0 ? (index, list[index], "") : (-1, null, $"the pod template has no container {name} (found {string.Join(", ", names)})");
    }

    /// <summary>The index of env var <paramref name="name"/> in the container's env, and its entry; (-1, null) when absent.</summary>
    public static (int Index, JsonObject? Entry) Env(JsonObject container, string name)
    {
        if (container["env"] is not JsonArray env)
        {
            return (-1, null);
        }

        for (var i = 0; i < env.Count; i++)
        {
            if (env[i] is JsonObject e && e["name"] is JsonValue n && n.TryGetValue<string>(out var s) && s == name)
            {
                return (i, e);
            }
        }

        return (-1, null);
    }

    public static string? StringAt(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string? Annotation(JsonObject deployment, string key) =>
        StringAt(deployment["spec"]?["template"]?["metadata"]?["annotations"]?[key]);

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
