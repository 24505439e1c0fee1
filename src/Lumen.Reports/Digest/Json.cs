using System.Text.Json;

namespace Lumen.Reports.Digest;

/// <summary>Tolerant reads of ledger <c>data</c>: a missing or null value is null, never 0.</summary>
internal static class Json
{
    public static JsonElement? Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static double? Number(JsonElement element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out var number) ? number : null;

    public static string? Text(JsonElement element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool? Flag(JsonElement element, string name) =>
        Get(element, name) is { } value && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static long? Integer(JsonElement element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static double[]? Numbers(JsonElement element, string name)
    {
        if (Get(element, name) is not { ValueKind: JsonValueKind.Array } array)
        {
            return null;
        }

        var result = new double[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out result[i++]))
            {
                return null;
            }
        }

        return result;
    }

    public static IReadOnlyList<string> Texts(JsonElement element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!)]
            : [];

    public static IReadOnlyDictionary<string, double> NumberMap(JsonElement? element)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        if (element is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (var property in obj.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out var value))
                {
                    map[property.Name] = value;
                }
            }
        }

        return map;
    }
}
