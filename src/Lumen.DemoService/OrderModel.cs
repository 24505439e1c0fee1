namespace Lumen.DemoService;

/// <summary>
/// The simulator's service model (docs/simulator.md, "The model"), applied to one real request instead
/// of a whole interval: the same parameters and formulas, but the queue is real (the worker pool) and
/// the latency is what the request actually took. Times in milliseconds, before <c>--time-scale</c>.
/// </summary>
/// <remarks>
/// - contention: <c>f = 1 + contention · max(0, c − cores) / cores</c> stretches every service time;
/// - cache: hit ratio <c>h = hit_ratio_max · (1 − e^(−cache_size_mb / cache_scale_mb))</c>;
/// - memory cost: <c>gc = gc_ms_per_gb · cache_size_mb / 1024</c> added to every request;
/// - service time: exponential with mean <c>(hit_ms + gc)·f</c> on a hit, <c>(miss_ms + gc)·f</c> on a miss;
/// - timeout: a request still running at <c>timeout_ms</c> (queueing included) is cut and fails;
/// - errors: <c>base_error_rate</c> whatever the knobs, plus the timeouts.
/// The defaults are the simulator's <c>ModelParameters</c> defaults.
/// </remarks>
public sealed record OrderModel(
    int Cores = 8,
    double HitServiceMs = 5,
    double MissServiceMs = 60,
    double HitRatioMax = 0.9,
    double CacheScaleMb = 1024,
    double Contention = 0.1,
    double GcMsPerGb = 8,
    double BaseErrorRate = 0.001)
{
    public double HitRatio(Knobs k) => HitRatioMax * (1 - Math.Exp(-k.CacheSizeMb / CacheScaleMb));

    public double Stretch(Knobs k) => 1 + (Contention * Math.Max(0, k.ConcurrencyLimit - Cores) / Cores);

    /// <summary>One request's service time in ms, and whether it fails on its own (not by timeout).</summary>
    /// <param name="u1">Uniform [0,1): hit or miss.</param>
    /// <param name="u2">Uniform [0,1): the exponential draw.</param>
    /// <param name="u3">Uniform [0,1): the base error.</param>
    public (double ServiceMs, bool Fails) Draw(Knobs k, double u1, double u2, double u3)
    {
        var gc = GcMsPerGb * k.CacheSizeMb / 1024;
        var mean = ((u1 < HitRatio(k) ? HitServiceMs : MissServiceMs) + gc) * Stretch(k);
        return (-mean * Math.Log(1 - u2), u3 < BaseErrorRate);
    }
}
