using System.Text.Json;
using Lumen.Core.Json;

namespace Lumen.Core.Ledger;

/// <summary>Helpers to build the <c>data</c> object of a ledger entry.</summary>
public static class LedgerData
{
    /// <summary>The empty object <c>{}</c>.</summary>
    public static JsonElement Empty { get; } = Parse("{}");

    /// <summary>Parses a JSON object text; throws <see cref="ArgumentException"/> when it is not an object.</summary>
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return RequireObject(document.RootElement.Clone());
    }

    /// <summary>
    /// Serialises a record, anonymous object or dictionary into a JSON object; property names
    /// become snake_case (dictionary keys are kept as they are), as System.Text.Json writes them
    /// (<see cref="ObjectJson"/>, which also works in the Native AOT build).
    /// </summary>
    public static JsonElement From<T>(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return RequireObject(ObjectJson.ToElement(value, ObjectJsonOptions.SnakeCase));
    }

    private static JsonElement RequireObject(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? element
            : throw new ArgumentException($"ledger data must be a JSON object, not {element.ValueKind}");
}
