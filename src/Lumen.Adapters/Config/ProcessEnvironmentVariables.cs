using Lumen.Core.Policy;

namespace Lumen.Adapters.Config;

/// <summary>The real process environment; the only place that reads <see cref="Environment"/>.</summary>
public sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    public static ProcessEnvironmentVariables Instance { get; } = new();

    public string? Get(string name) => Environment.GetEnvironmentVariable(name);
}
