using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Lumen.Core.Adjustments;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lumen.Adapters.Executors;

/// <summary>
/// Edits a top-level <c>key: value</c> of a YAML file by changing that one line, so comments,
/// anchors, ordering and layout stay as the operator wrote them (YamlDotNet's representation model
/// would drop every comment on save). Reading parses the whole document with YamlDotNet.
/// </summary>
/// <remarks>
/// Limitation: only a top-level key of a block mapping whose value is a scalar on the same line
/// (plain, or quoted in the same style) can be written; nested keys, block scalars and flow
/// collections are refused with a reason. Every edit is checked by parsing the new text: the key
/// must read back as the new value and the document must keep the same set of top-level keys.
/// </remarks>
internal sealed partial class YamlFileEditor : IConfigFileEditor
{
    public static readonly YamlFileEditor Instance = new();

    public ExecutorResult Read(string text, string key)
    {
        if (!TryLoadRoot(text, out var root, out var error))
        {
            return ExecutorResult.Failed(error, transient: false);
        }

        if (root is null || !root.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return ExecutorResult.Failed($"key {key} not found", transient: false);
        }

        return node is YamlScalarNode { Value: var scalar } && KnobValue.TryParse(scalar, out var value)
            ? ExecutorResult.Ok(value)
            : ExecutorResult.Failed($"value of {key} is not a finite number", transient: false);
    }

    public FileEdit Write(string text, string key, double value)
    {
        if (!TryLoadRoot(text, out var before, out var error))
        {
            return FileEdit.Refused(error);
        }

        var formatted = KnobValue.Format(value);
        var lines = TextLines.Split(text);
        var matches = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var match = KeyLine().Match(lines[i].Content);
            if (!match.Success || !string.Equals(match.Groups["key"].Value, key, StringComparison.Ordinal))
            {
                continue;
            }

            var rewritten = RewriteValue(match, formatted);
            if (rewritten is null)
            {
                return FileEdit.Refused($"{key} is not a single-line scalar at the top level; only `{key}: value` lines can be edited");
            }

            lines[i] = (rewritten, lines[i].Terminator);
            matches++;
        }

        if (matches == 0)
        {
            var terminator = TextLines.PreferredTerminator(lines);
            if (lines.Count > 0 && lines[^1].Terminator.Length == 0)
            {
                lines[^1] = (lines[^1].Content, terminator);
            }

            lines.Add(($"{key}: {formatted}", terminator));
        }

        var newText = TextLines.Join(lines);
        return Verify(newText, key, value, before) ?? FileEdit.Done(newText);
    }

    /// <summary>The line edit is only trusted once the parser agrees with it.</summary>
    private FileEdit? Verify(string newText, string key, double value, YamlMappingNode? before)
    {
        var readBack = Read(newText, key);
        if (!readBack.IsOk || readBack.Value != value)
        {
            return FileEdit.Refused($"editing {key} line by line would not give a document where {key} is {KnobValue.Format(value)}; edit the file's layout or use a top-level `{key}: value` line");
        }

        _ = TryLoadRoot(newText, out var after, out _);
        var keysBefore = KeySet(before).Add(key);
        return keysBefore.SetEquals(KeySet(after))
            ? null
            : FileEdit.Refused($"editing {key} line by line changed other keys of the document; refusing");
    }

    private static ImmutableHashSet<string> KeySet(YamlMappingNode? root) =>
        root is null
            ? []
            : root.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToImmutableHashSet(StringComparer.Ordinal);

    private static string? RewriteValue(Match match, string formatted)
    {
        var value = match.Groups["value"].Value;
        var head = match.Groups["head"].Value;
        if (value.Length == 0)
        {
            return null; // the value is on the following lines (a nested mapping, a list, a block scalar)
        }

        var quote = value[0];
        if (quote is '"' or '\'')
        {
            var close = value.IndexOf(quote, 1);
            return close < 0 ? null : $"{head}{quote}{formatted}{quote}{value[(close + 1)..]}";
        }

        if ("#|>{[&*!%@`".Contains(quote, StringComparison.Ordinal))
        {
            return null; // block scalars, flow collections, anchors, aliases and tags are not edited
        }

        var comment = PlainComment().Match(value);
        var end = comment.Success ? comment.Index : value.Length;
        var plain = value[..end].TrimEnd();
        return $"{head}{formatted}{value[plain.Length..]}";
    }

    private static bool TryLoadRoot(string text, out YamlMappingNode? root, out string error)
    {
        root = null;
        error = "";
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            switch (stream.Documents.Count)
            {
                case 0:
                    return true; // an empty file: a key can be appended
                case > 1:
                    error = "the YAML file holds several documents";
                    return false;
            }

            switch (stream.Documents[0].RootNode)
            {
                case YamlMappingNode mapping:
                    root = mapping;
                    return true;
                case YamlScalarNode { Value: null or "" }:
                    return true;
                default:
                    error = "the YAML document is not a mapping";
                    return false;
            }
        }
        catch (YamlException ex)
        {
            error = $"invalid YAML: {ex.Message}";
            return false;
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet reports a duplicate mapping key this way.
            error = $"invalid YAML: {ex.Message}";
            return false;
        }
    }

    // A key at column 0 (plain, no quotes), a colon, then the rest of the line.
    [GeneratedRegex(@"^(?<head>(?<key>[^\s#\-?:""'{}\[\],&*!|>%@`][^:#]*?)[ \t]*:(?:[ \t]+|$))(?<value>.*)$")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"[ \t]#")]
    private static partial Regex PlainComment();
}
