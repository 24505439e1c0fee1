using System.Collections;
using System.Collections.Immutable;
using System.Globalization;

namespace Lumen.Adapters.Executors;

/// <summary>
/// Typed access to an executor's settings as they come out of YAML: strings, numbers, lists of
/// strings and string maps. Every problem names the kind and the setting.
/// </summary>
internal sealed class ExecutorSettings(string kind, IReadOnlyDictionary<string, object?> values)
{
    public void RejectUnknown(params string[] known)
    {
        var unknown = values.Keys.Where(k => k != "kind" && k != ExecutorFactory.FenceSetting && !known.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw Error($"unknown setting(s) {string.Join(", ", unknown)}; known: {string.Join(", ", known)}");
        }
    }

    public string? String(string name) => values.TryGetValue(name, out var value) && value is not null
        ? value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture)
        : null;

    public string RequiredString(string name) =>
        String(name) is { Length: > 0 } value ? value : throw Error($"setting {name} is required");

    public TimeSpan? Milliseconds(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : throw Error($"setting {name} must be a positive whole number of milliseconds, not '{text}'");
    }

    /// <summary>A list of strings; a single string is taken as a one-element argv.</summary>
    public ImmutableArray<string> List(string name)
    {
        if (!values.TryGetValue(name, out var value) || value is null)
        {
            return [];
        }

        return value switch
        {
            string single => [single],
            IEnumerable items and not IDictionary => [.. items.Cast<object?>().Select(i => i is string s ? s
                : i is null ? throw Error($"setting {name} holds an empty item")
                : Convert.ToString(i, CultureInfo.InvariantCulture) ?? "")],
            _ => throw Error($"setting {name} must be a list of strings"),
        };
    }

    public ImmutableDictionary<string, string>? Map(string name)
    {
        if (!values.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        if (value is not IDictionary map)
        {
            throw Error($"setting {name} must be a map");
        }

        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in map)
        {
            builder[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] =
                Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? throw Error($"setting {name} has an empty value");
        }

        return builder.ToImmutable();
    }

    public ExecutorConfigurationException Error(string message) => new($"executor {kind}: {message}");
}
