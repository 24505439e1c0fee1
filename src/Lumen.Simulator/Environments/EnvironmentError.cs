using Lumen.Core.Documents;

namespace Lumen.Simulator.Environments;

/// <summary>A problem in an environment file, with where it is (1-based line and column; 0 and 0 when there is no position).</summary>
/// <param name="Message">What it concerns (the key path), then what was expected and found.</param>
public sealed record EnvironmentError(string Source, int Line, int Column, string Message)
{
    /// <summary>The node reader's error: the key path leads the message.</summary>
    public static EnvironmentError From(ConfigError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error.File, error.Line, error.Column, error.Path.Length > 0 ? $"{error.Path}: {error.Message}" : error.Message);
    }

    public override string ToString() => $"{Source}:{Line}:{Column}: {Message}";
}
