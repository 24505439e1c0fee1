using System.Text.Json;

namespace Lumen.Core.Ledger;

/// <summary>Helpers to build the <c>data</c> object of a ledger entry.</summary>
public static class LedgerData
{
    // snake_case keys, like the rest of Lumen's files (expires_at, report_hash...).
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };

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
    /// become snake_case (dictionary keys are kept as they are).
    /// </summary>
    public static JsonElement From<T>(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return RequireObject(JsonSerializer.SerializeToElement(value, SerializerOptions));
    }

    private static JsonElement RequireObject(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? element
            : throw new ArgumentException($"ledger data must be a JSON object, not {element.ValueKind}");
}
