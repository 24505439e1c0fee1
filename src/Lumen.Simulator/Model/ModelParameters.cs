namespace Lumen.Simulator.Model;

/// <summary>
/// The physical parameters of one service instance (docs/simulator.md, "The model"). Times are in
/// milliseconds unless the name says otherwise. Defaults describe a plausible JVM-or-.NET web
/// service; the environments set them. The cliff parameters (knee, cache warm-up, memory limit,
/// client retries) default to values that leave the cliff out, so older environments behave as before.
/// </summary>
public sealed record ModelParameters
{
    /// <summary>CPU cores per instance; busy workers beyond this contend for them.</summary>
    public int Cores { get; init; } = 8;

    /// <summary>Mean service time of a cache hit.</summary>
    public double HitServiceMs { get; init; } = 5;

    /// <summary>Mean service time of a cache miss (the backend call).</summary>
    public double MissServiceMs { get; init; } = 60;

    /// <summary>The hit ratio an infinite cache would reach.</summary>
    public double HitRatioMax { get; init; } = 0.9;

    /// <summary>Cache size at which the hit ratio reaches 1 − 1/e of its maximum.</summary>
    public double CacheScaleMb { get; init; } = 1024;

    /// <summary>Service-time inflation per busy worker beyond the cores, relative to the core count.</summary>
    public double Contention { get; init; } = 0.1;

    /// <summary>
    /// Service-time inflation per configured worker beyond the cores, busy or not, relative to the core
    /// count (0 by default: idle workers cost nothing). For servers whose idle threads do cost (stacks,
    /// scheduler and collector work), and for environments that want an oversized pool to hurt at the trough.
    /// </summary>
    public double IdleContention { get; init; }

    /// <summary>Garbage-collection and memory-pressure cost added to every request per GiB of (filled) cache.</summary>
    public double GcMsPerGb { get; init; } = 8;

    /// <summary>Errors that happen whatever the knobs (bad input, backend faults).</summary>
    public double BaseErrorRate { get; init; } = 0.001;

    /// <summary>The clients' own deadline: the effective timeout when the service has no timeout knob.</summary>
    public double MaxLatencyMs { get; init; } = 10_000;

    /// <summary>Relative (log-normal) measurement noise of the observed p95.</summary>
    public double LatencyNoise { get; init; } = 0.05;

    /// <summary>
    /// The queueing knee: the utilization beyond which the instance cannot keep up. Past it the queue
    /// is held at the knee and the excess waits until the timeout and fails (latency collapses to the
    /// timeout once 5 % of the requests are shed).
    /// </summary>
    public double KneeUtilization { get; init; } = ServiceModel.SaturationUtilization;

    /// <summary>Time constant of the cache's warm-up after it grows or restarts cold; 0 = instantly warm.</summary>
    public double CacheWarmupSeconds { get; init; }

    /// <summary>Memory limit of one instance (cache plus workers); +∞ = no limit.</summary>
    public double MemoryLimitMb { get; init; } = double.PositiveInfinity;

    /// <summary>Memory each configured worker holds (stack, buffers), counted against the limit.</summary>
    public double WorkerMemoryMb { get; init; }

    /// <summary>How long an instance is down after an out-of-memory kill (every request to it fails).</summary>
    public double RestartSeconds { get; init; } = 30;

    /// <summary>
    /// How many times clients retry a request that timed out (0 = never). With retries the timeout is the
    /// clients' deadline: a timed-out attempt fails and is retried, but the instance finishes the work it
    /// started (nothing cancels it), so a short timeout wastes work instead of shedding it.
    /// </summary>
    public int ClientRetries { get; init; }

    /// <summary>
    /// The share of the work a saturated instance completes that still meets its clients' deadline.
    /// 1 (the default) means a saturated instance's completed work all counts, so retries end as soon
    /// as the load falls below the knee; below 1 the retries of wasted work keep the instance saturated
    /// after the trigger has passed (a metastable retry storm).
    /// </summary>
    public double StormGoodput { get; init; } = 1;

    /// <summary>Whether a memory limit is set.</summary>
    public bool HasMemoryLimit => double.IsFinite(MemoryLimitMb);
}
