using System.Globalization;
using Lumen.Core.Documents;

namespace Lumen.Simulator.Environments;

/// <summary>
/// The environment schema's typed access to the node tree, on the core's error-collecting
/// <see cref="NodeReader"/> (the one the configuration files are read with): it keeps going after an
/// error, so one run reports every problem, each with its file, line, column and key. What it adds to
/// the node reader is the environment files' own vocabulary: ranges, durations such as <c>36h</c>,
/// timestamps. Missing optional values fall back to their defaults.
/// </summary>
internal sealed class EnvironmentReader(NodeReader nodes)
{
    public IReadOnlyList<ConfigError> Errors => nodes.Errors;

    /// <summary>An error at <paramref name="node"/>; <paramref name="message"/> starts with what it concerns.</summary>
    public void Error(YNode node, string message) => nodes.Error(node.Position, "", message);

    /// <summary>An error in another file the environment names (a trace's CSV).</summary>
    public void Error(EnvironmentError error) => nodes.Add(new ConfigError(error.Source, error.Line, error.Column, "", error.Message));

    /// <summary>The keys of a mapping; unknown keys are errors (duplicates were reported by the tree reader). Null when not a mapping.</summary>
    public Dictionary<string, YNode>? Fields(YNode node, string what, params string[] allowed)
    {
        if (nodes.AsMapping(node, what, "a mapping") is not { } mapping)
        {
            return null;
        }

        nodes.CheckKeys(mapping, what, allowed);
        return mapping.Entries
            .Where(e => allowed.Contains(e.Key.Value, StringComparer.Ordinal))
            .ToDictionary(e => e.Key.Value, e => e.Value, StringComparer.Ordinal);
    }

    public YNode? Required(Dictionary<string, YNode> fields, YNode parent, string what, string key)
    {
        if (fields.TryGetValue(key, out var node))
        {
            return node;
        }

        nodes.Error(parent.Position, what, $"missing required key '{key}'");
        return null;
    }

    public string? Text(YNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }

        var text = nodes.AsString(node, what, "a non-empty string");
        if (text is "")
        {
            nodes.Error(node.Position, what, $"expected a non-empty string, found {node.Describe()}");
            return null;
        }

        return text;
    }

    public double Number(Dictionary<string, YNode> fields, string what, string key, double fallback, double min, double max, bool required = false, YNode? parent = null)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            if (required && parent is not null)
            {
                nodes.Error(parent.Position, what, $"missing required key '{key}'");
            }

            return fallback;
        }

        var path = $"{what}.{key}";
        var value = nodes.AsNumber(node, path);
        if (double.IsNaN(value))
        {
            return fallback;
        }

        if (value < min || value > max)
        {
            nodes.Error(node.Position, path, $"{((YScalar)node).Value} is out of range [{Format(min)}, {Format(max)}]");
            return fallback;
        }

        return value;
    }

    public int Integer(Dictionary<string, YNode> fields, string what, string key, int fallback, int min, int max)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            return fallback;
        }

        var path = $"{what}.{key}";
        if (nodes.AsInt(node, path, "an integer") is not { } value)
        {
            return fallback;
        }

        if (value < min || value > max)
        {
            nodes.Error(node.Position, path, $"{((YScalar)node).Value} is out of range [{min}, {max}]");
            return fallback;
        }

        return value;
    }

    /// <summary>A duration such as <c>30s</c>, <c>90m</c>, <c>36h</c>, <c>1.5d</c>.</summary>
    public TimeSpan Duration(Dictionary<string, YNode> fields, string what, string key, TimeSpan fallback, bool required = false, YNode? parent = null)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            if (required && parent is not null)
            {
                nodes.Error(parent.Position, what, $"missing required key '{key}'");
            }

            return fallback;
        }

        if (node is YScalar { IsNull: false, Value: { Length: >= 2 } text }
            && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
            && amount >= 0 && amount < 1e6)
        {
            double? seconds = text[^1] switch
            {
                's' => amount,
                'm' => amount * 60,
                'h' => amount * 3600,
                'd' => amount * 86400,
                _ => null,
            };
            if (seconds is { } s)
            {
                return TimeSpan.FromSeconds(s);
            }
        }

        nodes.Error(node.Position, $"{what}.{key}", $"expected a duration like 30s, 90m, 36h or 1.5d, found {node.Describe()}");
        return fallback;
    }

    public DateTimeOffset Timestamp(Dictionary<string, YNode> fields, string what, string key, DateTimeOffset fallback)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            return fallback;
        }

        if (node is YScalar { IsNull: false, Value: var text }
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        nodes.Error(node.Position, $"{what}.{key}", $"expected an ISO 8601 timestamp like 2026-01-01T00:00:00Z, found {node.Describe()}");
        return fallback;
    }

    public IReadOnlyList<YNode> Sequence(YNode? node, string what)
    {
        if (node is null)
        {
            return [];
        }

        if (node is YSequence sequence)
        {
            return sequence.Items;
        }

        nodes.Error(node.Position, what, $"expected a list, found {node.Describe()}");
        return [];
    }

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
