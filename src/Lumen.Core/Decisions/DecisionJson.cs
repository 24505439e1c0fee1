using System.Text.Json;
using System.Text.Json.Serialization;
using Lumen.Core.Json;
using Lumen.Core.Decisions.Bandit;
using System.Text.Json.Serialization.Metadata;

namespace Lumen.Core.Decisions;

/// <summary>
/// The JSON settings of the saved models: snake_case names, enums as snake_case strings, and
/// no NaN/Infinity (a model holding one is broken and must not be written).
/// </summary>
public static class DecisionJson
{
    public static JsonSerializerOptions Options { get; } = Create(CoreJsonContext.Default);

    /// <summary>The same settings over another project's compile-time metadata (the loop's saved files).</summary>
    public static JsonSerializerOptions Create(IJsonTypeInfoResolver resolver) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter<ArmDirection>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        TypeInfoResolver = resolver,
        WriteIndented = false,
        RespectNullableAnnotations = true,
    };
}
