using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Lumen.Adapters.Tests.TestKit;

/// <summary>
/// YAML to and from plain values (<c>Dictionary&lt;string, object?&gt;</c>, <c>List&lt;object?&gt;</c>,
/// string, long, bool, null) with YAML 1.2 core typing of plain scalars, as Helm sees values; and the
/// block-style writing of <c>toYaml</c>.
/// </summary>
internal static partial class MiniYaml
{
    public static object? Read(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    public static List<object?> ReadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(d => Convert(d.RootNode))];
    }

    public static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => m.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => Convert(kv.Value), StringComparer.Ordinal),
        YamlSequenceNode s => s.Children.Select(Convert).ToList(),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } p => Typed(p.Value),
        YamlScalarNode q => q.Value,
        _ => null,
    };

    /// <summary>Deep merge of <paramref name="overrides"/> into <paramref name="values"/> (maps merge, everything else replaces).</summary>
    public static Dictionary<string, object?> Merge(Dictionary<string, object?> values, Dictionary<string, object?> overrides)
    {
        var result = new Dictionary<string, object?>(values, StringComparer.Ordinal);
        foreach (var (key, value) in overrides)
        {
            result[key] = value is Dictionary<string, object?> o && result.GetValueOrDefault(key) is Dictionary<string, object?> v ? Merge(v, o) : value;
        }

        return result;
    }

    public static string Write(object? value)
    {
        var sb = new StringBuilder();
        switch (value)
        {
            case Dictionary<string, object?> { Count: 0 }:
                return "{}\n";
            case List<object?> { Count: 0 }:
                return "[]\n";
            case Dictionary<string, object?> or List<object?>:
                WriteBlock(sb, value, 0);
                return sb.ToString();
            default:
                return Scalar(value) + "\n";
        }
    }

    private static void WriteBlock(StringBuilder sb, object? value, int indent)
    {
        var pad = new string(' ', indent);
        if (value is Dictionary<string, object?> map)
        {
            foreach (var (key, item) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (item is Dictionary<string, object?> { Count: > 0 } or List<object?> { Count: > 0 })
                {
                    sb.Append(pad).Append(key).Append(":\n");
                    WriteBlock(sb, item, item is List<object?> ? indent : indent + 2);
                }
                else
                {
                    sb.Append(pad).Append(key).Append(": ").Append(Inline(item)).Append('\n');
                }
            }
        }
        else if (value is List<object?> list)
        {
            foreach (var item in list)
            {
                if (item is Dictionary<string, object?> { Count: > 0 } or List<object?> { Count: > 0 })
                {
                    var inner = new StringBuilder();
                    WriteBlock(inner, item, 0);
                    var lines = inner.ToString().TrimEnd('\n').Split('\n');
                    sb.Append(pad).Append("- ").Append(lines[0]).Append('\n');
                    foreach (var line in lines.Skip(1))
                    {
                        sb.Append(pad).Append("  ").Append(line).Append('\n');
                    }
                }
                else
                {
                    sb.Append(pad).Append("- ").Append(Inline(item)).Append('\n');
                }
            }
        }
    }

    private static string Inline(object? value) => value switch
    {
        Dictionary<string, object?> => "{}",
        List<object?> => "[]",
        _ => Scalar(value),
    };

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        string s when s.Length == 0 || Typed(s) is not string || NeedsQuotes().IsMatch(s) =>
            "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"",
        string s => s,
        _ => throw new InvalidOperationException($"cannot write a {value.GetType().Name}"),
    };

    private static object? Typed(string? text) => text switch
    {
        null or "" or "~" or "null" => null,
        "true" => true,
        "false" => false,
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        _ => text,
    };

    [GeneratedRegex("^[\\s\\-?:,\\[\\]{}#&*!|>'\"%@`]|: |\\s#|\\n|\\s$")]
    private static partial Regex NeedsQuotes();
}
