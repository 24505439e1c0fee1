using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lumen.Simulator.Environments;

/// <summary>
/// Typed, validating access to YAML nodes that keeps going after an error, so one run reports every
/// problem, each with its line and column. Missing optional values fall back to their defaults.
/// </summary>
internal sealed class YamlReader(string source)
{
    private readonly List<EnvironmentError> _errors = [];

    public IReadOnlyList<EnvironmentError> Errors => _errors;

    public void Error(Mark mark, string message) => _errors.Add(new EnvironmentError(source, (int)mark.Line, (int)mark.Column, message));

    public void Error(YamlNode node, string message) => Error(node.Start, message);

    /// <summary>An error in another file the environment names (a trace's CSV).</summary>
    public void Error(EnvironmentError error) => _errors.Add(error);

    /// <summary>The keys of a mapping; unknown and duplicate keys are errors. Null when not a mapping.</summary>
    public Dictionary<string, YamlNode>? Fields(YamlNode node, string what, params string[] allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"{what}: expected a mapping");
            return null;
        }

        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                Error(keyNode, $"{what}: unknown key '{key}' (allowed: {string.Join(", ", allowed)})");
            }
            else if (!fields.TryAdd(key, value))
            {
                Error(keyNode, $"{what}: duplicate key '{key}'");
            }
        }

        return fields;
    }

    public YamlNode? Required(Dictionary<string, YamlNode> fields, YamlNode parent, string what, string key)
    {
        if (fields.TryGetValue(key, out var node))
        {
            return node;
        }

        Error(parent, $"{what}: missing required key '{key}'");
        return null;
    }

    public string? Text(YamlNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        Error(node, $"{what}: expected a non-empty string");
        return null;
    }

    public double Number(Dictionary<string, YamlNode> fields, string what, string key, double fallback, double min, double max, bool required = false, YamlNode? parent = null)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            if (required && parent is not null)
            {
                Error(parent, $"{what}: missing required key '{key}'");
            }

            return fallback;
        }

        if (node is not YamlScalarNode { Value: { } text }
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            Error(node, $"{what}.{key}: expected a number");
            return fallback;
        }

        if (value < min || value > max)
        {
            Error(node, $"{what}.{key}: {text} is out of range [{Format(min)}, {Format(max)}]");
            return fallback;
        }

        return value;
    }

    public int Integer(Dictionary<string, YamlNode> fields, string what, string key, int fallback, int min, int max)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            return fallback;
        }

        if (node is not YamlScalarNode { Value: { } text } || !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Error(node, $"{what}.{key}: expected an integer");
            return fallback;
        }

        if (value < min || value > max)
        {
            Error(node, $"{what}.{key}: {text} is out of range [{min}, {max}]");
            return fallback;
        }

        return value;
    }

    /// <summary>A duration such as <c>30s</c>, <c>90m</c>, <c>36h</c>, <c>1.5d</c>.</summary>
    public TimeSpan Duration(Dictionary<string, YamlNode> fields, string what, string key, TimeSpan fallback, bool required = false, YamlNode? parent = null)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            if (required && parent is not null)
            {
                Error(parent, $"{what}: missing required key '{key}'");
            }

            return fallback;
        }

        if (node is YamlScalarNode { Value: { Length: >= 2 } text }
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

        Error(node, $"{what}.{key}: expected a duration like 30s, 90m, 36h or 1.5d");
        return fallback;
    }

    public DateTimeOffset Timestamp(Dictionary<string, YamlNode> fields, string what, string key, DateTimeOffset fallback)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            return fallback;
        }

        if (node is YamlScalarNode { Value: { } text }
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        Error(node, $"{what}.{key}: expected an ISO 8601 timestamp like 2026-01-01T00:00:00Z");
        return fallback;
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode? node, string what)
    {
        if (node is null)
        {
            return [];
        }

        if (node is YamlSequenceNode sequence)
        {
            return [.. sequence.Children];
        }

        Error(node, $"{what}: expected a list");
        return [];
    }

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
