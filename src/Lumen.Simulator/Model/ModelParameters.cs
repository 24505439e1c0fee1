namespace Lumen.Simulator.Model;

/// <summary>
/// The physical parameters of one service instance (docs/simulator.md, "The model"). Times are in
/// milliseconds. Defaults describe a plausible JVM-or-.NET web service; the environments set them.
/// </summary>
public sealed record ModelParameters
{
    /// <summary>CPU cores per instance; a worker pool larger than this contends for them.</summary>
    public int Cores { get; init; } = 8;

    /// <summary>Mean service time of a cache hit.</summary>
    public double HitServiceMs { get; init; } = 5;

    /// <summary>Mean service time of a cache miss (the backend call).</summary>
    public double MissServiceMs { get; init; } = 60;

    /// <summary>The hit ratio an infinite cache would reach.</summary>
    public double HitRatioMax { get; init; } = 0.9;

    /// <summary>Cache size at which the hit ratio reaches 1 − 1/e of its maximum.</summary>
    public double CacheScaleMb { get; init; } = 1024;

    /// <summary>Service-time inflation per worker beyond the cores, relative to the core count.</summary>
    public double Contention { get; init; } = 0.1;

    /// <summary>Garbage-collection and memory-pressure cost added to every request per GiB of cache.</summary>
    public double GcMsPerGb { get; init; } = 8;

    /// <summary>Errors that happen whatever the knobs (bad input, backend faults).</summary>
    public double BaseErrorRate { get; init; } = 0.001;

    /// <summary>The clients' own deadline: the effective timeout when the service has no timeout knob.</summary>
    public double MaxLatencyMs { get; init; } = 10_000;

    /// <summary>Relative (log-normal) measurement noise of the observed p95.</summary>
    public double LatencyNoise { get; init; } = 0.05;
}
