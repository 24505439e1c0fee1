using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lumen.Core.Adjustments;

namespace Lumen.Adapters.Executors;

/// <summary>
/// Edits one top-level property of a JSON object through System.Text.Json nodes: every other
/// property and its value, and the property order, are kept; whitespace is normalised to two-space
/// indentation (JSON has no comments to lose; a file with comments is refused, not stripped).
/// A number stays a number; a value held as a string ("32") stays a string.
/// </summary>
internal sealed class JsonFileEditor : IConfigFileEditor
{
    public static readonly JsonFileEditor Instance = new();

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        // Keep non-ASCII text readable; the file is configuration, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public ExecutorResult Read(string text, string key)
    {
        if (!TryParseObject(text, out var root, out var error))
        {
            return ExecutorResult.Failed(error, transient: false);
        }

        if (!root.TryGetPropertyValue(key, out var node) || node is null)
        {
            return ExecutorResult.Failed($"key {key} not found", transient: false);
        }

        return TryReadNumber(node, out var value)
            ? ExecutorResult.Ok(value)
            : ExecutorResult.Failed($"value of {key} is not a finite number: {node.ToJsonString()}", transient: false);
    }

    public FileEdit Write(string text, string key, double value)
    {
        if (!TryParseObject(text, out var root, out var error))
        {
            return FileEdit.Refused(error);
        }

        if (root.TryGetPropertyValue(key, out var existing) && existing is not null)
        {
            var kind = existing.GetValueKind();
            if (kind is not (JsonValueKind.Number or JsonValueKind.String))
            {
                return FileEdit.Refused($"value of {key} is a JSON {kind.ToString().ToLowerInvariant()}, not a number");
            }

            root[key] = kind == JsonValueKind.String ? JsonValue.Create(KnobValue.Format(value)) : JsonValue.Create(value);
        }
        else
        {
            root[key] = JsonValue.Create(value);
        }

        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var json = root.ToJsonString(WriteOptions).ReplaceLineEndings(newline);
        return FileEdit.Done(text.EndsWith('\n') ? json + newline : json);
    }

    internal static bool TryReadNumber(JsonNode node, out double value)
    {
        value = 0;
        return node.GetValueKind() switch
        {
            JsonValueKind.Number => node.AsValue().TryGetValue(out value) && double.IsFinite(value),
            JsonValueKind.String => KnobValue.TryParse(node.GetValue<string>(), out value),
            _ => false,
        };
    }

    private static bool TryParseObject(string text, out JsonObject root, out string error)
    {
        root = null!;
        try
        {
            if (JsonNode.Parse(text, documentOptions: ParseOptions) is JsonObject obj)
            {
                root = obj;
                error = "";
                return true;
            }

            error = "the JSON document is not an object";
            return false;
        }
        catch (JsonException ex)
        {
            error = $"invalid JSON: {ex.Message}";
            return false;
        }
    }
}
