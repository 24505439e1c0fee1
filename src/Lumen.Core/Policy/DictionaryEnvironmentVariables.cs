using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>Environment variables from a dictionary (tests, and an empty environment).</summary>
public sealed class DictionaryEnvironmentVariables(IReadOnlyDictionary<string, string> values) : IEnvironmentVariables
{
    public static DictionaryEnvironmentVariables Empty { get; } = new(ImmutableDictionary<string, string>.Empty);

    public string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
}
