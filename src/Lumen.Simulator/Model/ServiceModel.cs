namespace Lumen.Simulator.Model;

/// <summary>
/// The noise-free model of one service instance: from its arrival rate, knobs and parameters to its
/// SLIs and latency distribution (docs/simulator.md, "The model", has the equations). Pure and
/// allocation-free: the simulator calls it for every track on every tick, and for every arm when
/// the oracle is asked.
/// </summary>
internal static class ServiceModel
{
    /// <summary>
    /// Utilization at which an instance counts as saturated. M/M/c is only stable below 1; beyond
    /// this point the model holds the queue at this utilization and sheds the excess (those requests
    /// wait until the timeout and fail), so latency and errors stay finite and continuous in the load.
    /// </summary>
    public const double SaturationUtilization = 0.98;

    public static SliExpectation Evaluate(ModelParameters p, in KnobValues knobs, double arrivalRps, in Impairment impairment, out LatencyDistribution latency) =>
        Evaluate(Shape(p, knobs, impairment), arrivalRps, out latency);

    /// <summary>Everything that depends on the knobs but not on the load.</summary>
    public static ServiceShape Shape(ModelParameters p, in KnobValues knobs, in Impairment impairment)
    {
        var workers = knobs.Concurrency >= 1 ? (int)Math.Round(Math.Min(knobs.Concurrency, 1e6)) : 1;
        var cores = Math.Max(1, p.Cores);
        var cache = Math.Max(0, knobs.CacheMb);

        // Workers beyond the cores share them: context switches and cache thrashing stretch every request.
        var inflation = (1 + p.Contention * Math.Max(0, workers - cores) / cores) * impairment.LatencyFactor;
        var hitRatio = p.HitRatioMax * (1 - Math.Exp(-cache / p.CacheScaleMb));
        var gcMs = p.GcMsPerGb * cache / 1024;
        var hitMs = (p.HitServiceMs + gcMs) * inflation;
        var missMs = (p.MissServiceMs + gcMs) * inflation;
        var timeoutMs = Math.Max(1, Math.Min(knobs.TimeoutMs, p.MaxLatencyMs));

        // A worker is freed at the timeout, so it is busy for E[min(S, T)] per request.
        var busyMs = hitRatio * hitMs * (1 - Math.Exp(-timeoutMs / hitMs))
                     + (1 - hitRatio) * missMs * (1 - Math.Exp(-timeoutMs / missMs));

        // Allen–Cunneen: the mean wait of M/G/c ≈ that of M/M/c times (1 + c_s²)/2, with c_s the
        // coefficient of variation of the (hyperexponential) service time; (1 + c_s²)/2 = E[S²] / (2·E[S]²).
        var mean = hitRatio * hitMs + (1 - hitRatio) * missMs;
        var secondMoment = 2 * (hitRatio * hitMs * hitMs + (1 - hitRatio) * missMs * missMs);
        var variability = secondMoment / (2 * mean * mean);
        return new ServiceShape(workers, hitRatio, hitMs, missMs, timeoutMs, busyMs, variability, p.BaseErrorRate, impairment.ExtraErrorRate);
    }

    /// <summary>The SLIs of a shaped instance at an arrival rate (requests per second per instance).</summary>
    public static SliExpectation Evaluate(in ServiceShape shape, double arrivalRps, out LatencyDistribution latency)
    {
        var lambda = Math.Max(0, arrivalRps) / 1000.0;
        var capacity = shape.Workers / shape.BusyMs;
        var utilization = lambda / capacity;

        var shed = 0.0;
        var servedLambda = lambda;
        if (utilization >= SaturationUtilization)
        {
            shed = 1 - SaturationUtilization / utilization;
            servedLambda = SaturationUtilization * capacity;
        }

        var waitProbability = ErlangC.Probability(shape.Workers, servedLambda * shape.BusyMs);
        var theta = (capacity - servedLambda) / shape.Variability;

        latency = new LatencyDistribution(waitProbability, theta, shape.HitRatio, 1 / shape.HitMs, 1 / shape.MissMs, shape.TimeoutMs, shed);
        var timeouts = latency.TimeoutShare;
        var errorRate = 1 - (1 - shape.BaseErrorRate) * (1 - shape.ExtraErrorRate) * (1 - timeouts);
        return new SliExpectation(latency.Quantile(0.95), errorRate, utilization, shape.HitRatio);
    }
}
