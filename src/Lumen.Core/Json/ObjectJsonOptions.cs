using System.Text.Json;

namespace Lumen.Core.Json;

/// <summary>How <see cref="ObjectJson"/> writes: the naming policies and the writer's settings, as
/// the matching <see cref="JsonSerializerOptions"/> would.</summary>
/// <param name="PropertyNames">The property naming policy (null keeps the C# names).</param>
/// <param name="DictionaryKeys">The dictionary key policy (null keeps the keys).</param>
/// <param name="Writer">Indentation and escaping.</param>
/// <param name="NamedFloatingPointLiterals">NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity" instead of an error.</param>
public sealed record ObjectJsonOptions(
    JsonNamingPolicy? PropertyNames = null,
    JsonNamingPolicy? DictionaryKeys = null,
    JsonWriterOptions Writer = default,
    bool NamedFloatingPointLiterals = false)
{
    /// <summary>C# names, compact, the default escaping.</summary>
    public static ObjectJsonOptions Default { get; } = new();

    /// <summary>snake_case property names, dictionary keys as they are, compact: Lumen's files and ledger data.</summary>
    public static ObjectJsonOptions SnakeCase { get; } = new(JsonNamingPolicy.SnakeCaseLower);
}
