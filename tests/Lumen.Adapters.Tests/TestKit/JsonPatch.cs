using System.Text.Json.Nodes;

namespace Lumen.Adapters.Tests.TestKit;

/// <summary>The RFC 6902 operations the executor sends (add, replace, test), for the fake Kubernetes API server.</summary>
internal static class JsonPatch
{
    public static void Apply(JsonObject target, JsonArray ops)
    {
        foreach (var op in ops.OfType<JsonObject>())
        {
            var path = op["path"]!.GetValue<string>();
            var tokens = path.Split('/')[1..].Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            JsonNode parent = target;
            foreach (var t in tokens[..^1])
            {
                parent = (parent is JsonArray a ? a[int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)] : parent[t])
                    ?? throw new InvalidOperationException($"no {path}");
            }

            var last = tokens[^1];
            var value = op["value"]?.DeepClone();
            switch (op["op"]!.GetValue<string>(), parent)
            {
                case ("test", _):
                    var current = parent is JsonArray ta ? ta[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] : parent[last];
                    if (!JsonNode.DeepEquals(current, value))
                    {
                        throw new InvalidOperationException($"test failed at {path}");
                    }

                    break;
                case ("add", JsonArray array) when last == "-":
                    array.Add(value);
                    break;
                case ("add", JsonArray array):
                    array.Insert(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture), value);
                    break;
                case ("replace", JsonArray array):
                    array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
                    break;
                case ("add", JsonObject obj):
                    obj[last] = value;
                    break;
                case ("replace", JsonObject obj) when obj.ContainsKey(last):
                    obj[last] = value;
                    break;
                default:
                    throw new InvalidOperationException($"cannot {op["op"]} {path}");
            }
        }
    }
}
