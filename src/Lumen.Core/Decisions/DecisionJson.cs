using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lumen.Core.Decisions;

/// <summary>
/// The JSON settings of the saved models: snake_case names, enums as snake_case strings, and
/// no NaN/Infinity (a model holding one is broken and must not be written).
/// </summary>
public static class DecisionJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        WriteIndented = false,
        RespectNullableAnnotations = true,
    };
}
