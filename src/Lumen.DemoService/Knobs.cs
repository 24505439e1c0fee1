using System.Text.Json.Serialization;

namespace Lumen.DemoService;

/// <summary>The service's knobs, with the bounds of config/services.yaml (checkout). Immutable: a PUT swaps the whole record.</summary>
public sealed record Knobs(
    [property: JsonPropertyName("concurrency_limit")] int ConcurrencyLimit = 32,
    [property: JsonPropertyName("cache_size_mb")] int CacheSizeMb = 512,
    [property: JsonPropertyName("timeout_ms")] int TimeoutMs = 1500)
{
    public static readonly IReadOnlyDictionary<string, (double Min, double Max)> Bounds = new Dictionary<string, (double, double)>
    {
        ["concurrency_limit"] = (1, 1024),
        ["cache_size_mb"] = (0, 65536),
        ["timeout_ms"] = (1, 60000),
    };

    /// <summary>The value of the knob named <paramref name="name"/>, or null for an unknown name.</summary>
    public double? Value(string name) => name switch
    {
        "concurrency_limit" => ConcurrencyLimit,
        "cache_size_mb" => CacheSizeMb,
        "timeout_ms" => TimeoutMs,
        _ => null,
    };

    /// <summary>This record with one knob changed, or the reason it cannot be.</summary>
    public (Knobs? Knobs, string? Error) With(string name, double value)
    {
        if (!Bounds.TryGetValue(name, out var b))
        {
            return (null, $"unknown knob '{name}'; known: {string.Join(", ", Bounds.Keys)}");
        }

        if (!double.IsFinite(value) || value < b.Min || value > b.Max || value != Math.Floor(value))
        {
            return (null, $"{name} must be an integer in [{b.Min}, {b.Max}], got {value}");
        }

        var v = (int)value;
        return name switch
        {
            "concurrency_limit" => (this with { ConcurrencyLimit = v }, null),
            "cache_size_mb" => (this with { CacheSizeMb = v }, null),
            _ => (this with { TimeoutMs = v }, null),
        };
    }
}
