namespace Lumen.Simulator.Model;

/// <summary>
/// The knobs the model knows by name (environment files list them as in config/services.yaml,
/// each read into the core's <see cref="Core.Policy.KnobSpec"/>).
/// </summary>
public static class KnobNames
{
    public const string Concurrency = "concurrency_limit";
    public const string CacheSize = "cache_size_mb";
    public const string Timeout = "timeout_ms";

    public static IReadOnlyList<string> Known { get; } = [Concurrency, CacheSize, Timeout];
}
