using System.Collections.Immutable;
using System.Globalization;
using Lumen.Core.Policy;

namespace Lumen.Core.Documents;

/// <summary>Maps the nodes of one file to values, collecting every error with its position and key
/// path instead of stopping at the first. A value that is wrong yields a placeholder (the documented
/// default, or NaN/0) so the rest of the file can still be checked; later value checks on a path that
/// already has an error are suppressed, so each mistake is reported once.</summary>
public sealed class NodeReader(string file)
{
    private readonly List<ConfigError> _errors = [];
    private readonly Dictionary<string, YPosition> _positions = new(StringComparer.Ordinal);
    private readonly List<string> _errorPaths = [];

    public string File => file;

    public IReadOnlyList<ConfigError> Errors => _errors;

    public void Error(YPosition at, string path, string message)
    {
        _errors.Add(new ConfigError(file, at.Line, at.Column, path, message));
        _errorPaths.Add(path);
    }

    /// <summary>An error found in another file the document names (a trace's CSV file), kept with the others in order.</summary>
    public void Add(ConfigError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _errors.Add(error);
        _errorPaths.Add(error.Path);
    }

    public void Note(string path, YNode node) => _positions.TryAdd(path, node.Position);

    /// <summary>The position recorded for <paramref name="path"/>, or for its nearest recorded ancestor.</summary>
    public YPosition PositionOf(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (_positions.TryGetValue(p, out var at))
            {
                return at;
            }
        }

        return new YPosition(1, 1);
    }

    /// <summary>Adds a problem found by a core validator, unless it merely echoes an error already reported.</summary>
    public void Report(ConfigProblem problem)
    {
        if (!_errorPaths.Any(e => Related(e, problem.Path)))
        {
            var at = PositionOf(problem.Path);
            _errors.Add(new ConfigError(file, at.Line, at.Column, problem.Path, problem.Message));
        }
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public YMapping? AsMapping(YNode node, string path, string expectation)
    {
        if (node is YMapping map)
        {
            return map;
        }

        Error(node.Position, path, $"expected {expectation}, found {node.Describe()}");
        return null;
    }

    /// <summary>Every key not in <paramref name="known"/> is an error, with the nearest known key as a hint.</summary>
    public void CheckKeys(YMapping map, string path, IReadOnlyCollection<string> known)
    {
        foreach (var entry in map.Entries)
        {
            if (known.Contains(entry.Key.Value))
            {
                continue;
            }

            var hint = KeySuggester.Nearest(entry.Key.Value, known) is { } near ? $"did you mean '{near}'? " : "";
            Error(entry.Key.Position, Join(path, entry.Key.Value),
                $"unknown key '{entry.Key.Value}': {hint}expected one of {string.Join(", ", known)}");
        }
    }

    /// <summary>The value of <paramref name="key"/>, or null. A missing key with an
    /// <paramref name="required"/> expectation is an error at the mapping.</summary>
    public YNode? Get(YMapping map, string path, string key, string? required = null)
    {
        var childPath = Join(path, key);
        if (map.Find(key) is { } entry)
        {
            // Scalars are reported where the value is; mappings and lists where their key is.
            Note(childPath, entry.Value is YScalar ? entry.Value : entry.Key);
            return entry.Value;
        }

        if (required is not null)
        {
            Error(map.Position, childPath, $"missing required key '{key}': expected {required}");
        }

        return null;
    }

    public string? Str(YMapping map, string path, string key, string? required = null, string expectation = "a string")
    {
        var node = Get(map, path, key, required is null ? null : expectation);
        return node is null ? null : AsString(node, Join(path, key), expectation);
    }

    public string? AsString(YNode node, string path, string expectation = "a string")
    {
        if (node is YScalar { IsNull: false } s)
        {
            return s.Value;
        }

        Error(node.Position, path, $"expected {expectation}, found {node.Describe()}");
        return null;
    }

    /// <summary>A number; <paramref name="fallback"/> null makes the key required. NaN on error.</summary>
    public double Num(YMapping map, string path, string key, double? fallback, string expectation = "a number")
    {
        var node = Get(map, path, key, fallback is null ? expectation : null);
        return node is null ? fallback ?? double.NaN : AsNumber(node, Join(path, key), expectation);
    }

    public double AsNumber(YNode node, string path, string expectation = "a number")
    {
        if (node is YScalar { Plain: true, IsNull: false } s
            && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && double.IsFinite(x))
        {
            return x;
        }

        Error(node.Position, path, $"expected {expectation}, found {node.Describe()}");
        return double.NaN;
    }

    public int Int(YMapping map, string path, string key, int? fallback, string expectation = "a whole number")
    {
        var node = Get(map, path, key, fallback is null ? expectation : null);
        return node is null ? fallback ?? 0 : AsInt(node, Join(path, key), expectation) ?? fallback ?? 0;
    }

    public int? AsInt(YNode node, string path, string expectation = "a whole number")
    {
        if (node is YScalar { Plain: true, IsNull: false } s
            && int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x))
        {
            return x;
        }

        Error(node.Position, path, $"expected {expectation}, found {node.Describe()}");
        return null;
    }

    public bool Bool(YMapping map, string path, string key, bool fallback)
    {
        var node = Get(map, path, key);
        if (node is null)
        {
            return fallback;
        }

        if (node is YScalar { Plain: true } s && s.Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return s.Value[0] is 't' or 'T';
        }

        Error(node.Position, Join(path, key), $"expected true or false, found {node.Describe()}");
        return fallback;
    }

    /// <summary>An absolute URL (the scheme is checked by the core validator).</summary>
    public Uri? Url(YMapping map, string path, string key, bool required)
    {
        const string expectation = "an absolute http(s) URL";
        var text = Str(map, path, key, required ? expectation : null, expectation);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return uri;
        }

        Error(PositionOf(Join(path, key)), Join(path, key), $"expected {expectation}, found \"{text}\"");
        return null;
    }

    /// <summary>A list of strings; a single string is not accepted (argv must be explicit).</summary>
    public ImmutableArray<string> StrList(YNode node, string path, string expectation)
    {
        if (node is not YSequence seq)
        {
            Error(node.Position, path, $"expected {expectation}, found {node.Describe()}");
            return [];
        }

        var items = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < seq.Items.Length; i++)
        {
            Note($"{path}[{i}]", seq.Items[i]);
            if (AsString(seq.Items[i], $"{path}[{i}]") is { } s)
            {
                items.Add(s);
            }
        }

        return items.ToImmutable();
    }

    /// <summary>One of a fixed set of lower-case names.</summary>
    public T? Choice<T>(YNode node, string path, IReadOnlyList<(string Name, T Value)> choices)
        where T : struct
    {
        var names = string.Join(", ", choices.Select(c => c.Name));
        if (node is YScalar { IsNull: false } s)
        {
            foreach (var (name, value) in choices)
            {
                if (string.Equals(name, s.Value, StringComparison.Ordinal))
                {
                    return value;
                }
            }
        }

        Error(node.Position, path, $"expected one of {names}, found {node.Describe()}");
        return null;
    }

    /// <summary><c>version: 1</c> is required at the top of every file.</summary>
    public void Version(YMapping root)
    {
        var node = Get(root, "", "version", "version 1");
        if (node is null)
        {
            return;
        }

        if (node is not YScalar { Plain: true, Value: "1" })
        {
            Error(node.Position, "version", $"expected version 1 (the only format this Lumen reads), found {node.Describe()}");
        }
    }

    private static string Parent(string path)
    {
        var i = path.LastIndexOfAny(['.', '[']);
        return i <= 0 ? "" : path[..i];
    }

    private static bool Related(string a, string b) => a == b || IsUnder(a, b) || IsUnder(b, a) || a.Length == 0;

    private static bool IsUnder(string child, string parent) =>
        child.Length > parent.Length && child.StartsWith(parent, StringComparison.Ordinal) && child[parent.Length] is '.' or '[';
}
