namespace Lumen.Simulator.Environments;

/// <summary>
/// A knob of a simulated service, as in config/services.yaml. The model knows three by name:
/// <c>concurrency_limit</c>, <c>cache_size_mb</c> and <c>timeout_ms</c>.
/// </summary>
public sealed record KnobSpec(string Name, double Min, double Max, double Default, double Step, double CostWeight)
{
    public const string Concurrency = "concurrency_limit";
    public const string CacheSize = "cache_size_mb";
    public const string Timeout = "timeout_ms";

    public static IReadOnlyList<string> KnownNames { get; } = [Concurrency, CacheSize, Timeout];

    /// <summary>The value clamped into the knob's bounds.</summary>
    public double Clamp(double value) => Math.Clamp(value, Min, Max);
}
