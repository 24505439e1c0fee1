namespace Lumen.Simulator.Environments;

/// <summary>A problem in an environment file, with where it is (1-based line and column).</summary>
public sealed record EnvironmentError(string Source, int Line, int Column, string Message)
{
    public override string ToString() => $"{Source}:{Line}:{Column}: {Message}";
}
