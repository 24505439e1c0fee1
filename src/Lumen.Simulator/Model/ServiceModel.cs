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
    /// The default knee: the utilization at which an instance counts as saturated. M/M/c is only
    /// stable below 1; beyond the knee the model holds the queue there and sheds the excess (those
    /// requests wait until the timeout and fail), so latency and errors stay finite and continuous in the load.
    /// </summary>
    public const double SaturationUtilization = 0.98;

    /// <summary>The SLIs with the cache filled to <see cref="ModelKnobs.CacheMb"/> and no storm running before.</summary>
    public static SliExpectation Evaluate(ModelParameters p, in ModelKnobs knobs, double arrivalRps, in Impairment impairment, out LatencyDistribution latency)
    {
        var storm = false;
        return Evaluate(Shape(p, knobs, impairment), arrivalRps, ref storm, out latency);
    }

    /// <summary>Everything that depends on the knobs and the cache's fill but not on the load.</summary>
    /// <param name="knobs">The knobs, with <see cref="ModelKnobs.CacheMb"/> the cache as filled (warm part).</param>
    public static ServiceShape Shape(ModelParameters p, in ModelKnobs knobs, in Impairment impairment)
    {
        var workers = knobs.Concurrency >= 1 ? (int)Math.Round(Math.Min(knobs.Concurrency, 1e6)) : 1;
        var cores = Math.Max(1, p.Cores);
        var cache = Math.Max(0, knobs.CacheMb);

        var hitRatio = p.HitRatioMax * (1 - Math.Exp(-cache / p.CacheScaleMb));
        var gcMs = p.GcMsPerGb * cache / 1024;
        var idle = 1 + p.IdleContention * Math.Max(0, workers - cores) / cores;
        var hitMs = (p.HitServiceMs + gcMs) * impairment.LatencyFactor * idle;
        var missMs = (p.MissServiceMs + gcMs) * impairment.LatencyFactor * idle;
        var timeoutMs = Math.Max(1, Math.Min(knobs.TimeoutMs, p.MaxLatencyMs));

        // Allen–Cunneen: the mean wait of M/G/c ≈ that of M/M/c times (1 + c_s²)/2, with c_s the
        // coefficient of variation of the (hyperexponential) service time; (1 + c_s²)/2 = E[S²] / (2·E[S]²).
        // Contention stretches both phases alike, so this ratio does not depend on it.
        var mean = hitRatio * hitMs + (1 - hitRatio) * missMs;
        var secondMoment = 2 * (hitRatio * hitMs * hitMs + (1 - hitRatio) * missMs * missMs);
        var variability = secondMoment / (2 * mean * mean);
        var knee = Math.Clamp(p.KneeUtilization, 0.05, SaturationUtilization);
        var shape = new ServiceShape(
            workers, cores, p.Contention, knee, hitRatio, hitMs, missMs, timeoutMs, variability,
            p.BaseErrorRate, impairment.ExtraErrorRate, CutsWork: p.ClientRetries == 0, RetryShape.None);
        return p.ClientRetries > 0 ? shape with { Retry = RetryThresholds(shape, p) } : shape;
    }

    /// <summary>
    /// The SLIs of a shaped instance at a client arrival rate (requests per second per instance).
    /// With client retries, <paramref name="storm"/> carries whether a retry storm ran in the previous
    /// interval and returns whether one runs in this one.
    /// </summary>
    public static SliExpectation Evaluate(in ServiceShape shape, double arrivalRps, ref bool storm, out LatencyDistribution latency)
    {
        var rps = Math.Max(0, arrivalRps);
        var retry = shape.Retry;
        double utilization;
        if (retry.Retries == 0)
        {
            storm = false;
            latency = Distribution(shape, rps, out utilization);
            return Finish(shape, latency, utilization, rps, storm: false);
        }

        storm = Storms(retry, rps, storm);
        if (storm)
        {
            // Every attempt a saturated instance cannot complete in time is retried: y = attempts / knee
            // throughput solves y = l·A(1 − g/y). Iterating from the ceiling l·(r + 1) descends to the
            // largest root, which is ≥ 1 while the storm lasts (l·A(1 − g) ≥ 1).
            var l = rps / retry.KneeRps;
            var y = l * (retry.Retries + 1);
            for (var i = 0; i < 200; i++)
            {
                var next = l * retry.Amplification(1 - retry.Goodput / y);
                if (Math.Abs(next - y) <= 1e-12 * y)
                {
                    y = next;
                    break;
                }

                y = next;
            }

            y = Math.Max(1, y);
            var attempts = y * retry.KneeRps;
            var served = Distribution(shape, attempts, out utilization);
            latency = served.WithShed(Math.Max(served.Shed, 1 - retry.Goodput / y));
            return Finish(shape, latency, utilization, attempts, storm: true);
        }

        // Below the storm: the timed-out share p is retried, x = λ·A(p(x)), from x = λ upwards.
        var x = rps;
        latency = Distribution(shape, x, out utilization);
        for (var i = 0; i < 50; i++)
        {
            var next = rps * retry.Amplification(latency.TimeoutShare);
            if (Math.Abs(next - x) <= 1e-8 * Math.Max(x, 1e-9))
            {
                break;
            }

            x = next;
            latency = Distribution(shape, x, out utilization);
        }

        return Finish(shape, latency, utilization, x, storm: false);
    }

    /// <summary>Whether a storm runs at client load <paramref name="rps"/>, given whether one ran before (the hysteresis).</summary>
    public static bool Storms(in RetryShape retry, double rps, bool before)
    {
        if (retry.Retries == 0)
        {
            return false;
        }

        var storm = before || rps >= retry.EntryRps;
        return storm && rps >= retry.ExitRps;
    }

    /// <summary>The response-time distribution at an arrival rate of attempts (requests per second per instance).</summary>
    public static LatencyDistribution Distribution(in ServiceShape shape, double rps, out double utilization)
    {
        var lambda = Math.Max(0, rps) / 1000.0;
        var inflation = ContentionFactor(shape, lambda, out var busyMs);
        var capacity = shape.Workers / busyMs;
        utilization = lambda / capacity;

        var shed = 0.0;
        var servedLambda = lambda;
        if (utilization >= shape.Knee)
        {
            shed = 1 - shape.Knee / utilization;
            servedLambda = shape.Knee * capacity;
        }

        var waitProbability = ErlangC.Probability(shape.Workers, servedLambda * busyMs);
        var theta = (capacity - servedLambda) / shape.Variability;
        return new LatencyDistribution(waitProbability, theta, shape.HitRatio, 1 / (shape.HitMs * inflation), 1 / (shape.MissMs * inflation), shape.TimeoutMs, shed);
    }

    /// <summary>
    /// The contention factor f at the busy-worker fixed point n = λ·E[min(S·f(n), T)], capped at the
    /// knee's share of the pool: busy workers beyond the cores share them, stretching every request by
    /// f(n) = 1 + contention·(n − cores)/cores. Idle workers cost nothing. <paramref name="busyMs"/> is
    /// E[min(S·f, T)], the time a worker is held per request.
    /// </summary>
    public static double ContentionFactor(in ServiceShape shape, double lambda, out double busyMs)
    {
        var plain = BusyMs(shape, 1, out _);
        var busy = lambda * plain;
        var cap = shape.Knee * shape.Workers;
        if (shape.Contention <= 0 || Math.Min(busy, cap) <= shape.Cores)
        {
            busyMs = plain;
            return 1;
        }

        // g(n) = λ·E[min(S·f(n), T)] − n is concave for n ≥ cores (truncation makes the busy time
        // concave in f) and positive at the contention-free load: one root below the cap, or none
        // (contention collapse: the pool fills up to the knee). Without the timeout's truncation the
        // root is n = a·(1 − κ)/(1 − a·κ/cores) (a = λ·E[S]); with it the root lies at or left of that,
        // so Newton's method starts there (or at the cap) and descends to it monotonically.
        var slope = shape.Contention / shape.Cores;
        var feedback = lambda * BusyMs(shape, 1, out _, untruncated: true) * slope;
        var n = cap;
        if (feedback < 1)
        {
            n = Math.Min(cap, lambda * BusyMs(shape, 1, out _, untruncated: true) * (1 - shape.Contention) / (1 - feedback));
        }

        if (n >= cap)
        {
            var atCap = 1 + slope * (cap - shape.Cores);
            var atCapMs = BusyMs(shape, atCap, out _);
            if (lambda * atCapMs >= cap)
            {
                busyMs = atCapMs;
                return atCap;
            }

            n = cap;
        }

        for (var i = 0; i < 40; i++)
        {
            var g = lambda * BusyMs(shape, 1 + slope * (n - shape.Cores), out var derivative) - n;
            var dg = lambda * derivative * slope - 1;
            if (!(dg < 0) || g >= 0)
            {
                break;
            }

            var next = Math.Max(busy, n - g / dg);
            var done = n - next <= 1e-9 * n;
            n = next;
            if (done)
            {
                break;
            }
        }

        var factor = 1 + slope * (n - shape.Cores);
        busyMs = BusyMs(shape, factor, out _);
        return factor;
    }

    /// <summary>The knee's throughput in requests per second: the pool's knee share busy, contention at that level.</summary>
    public static double KneeRps(in ServiceShape shape)
    {
        var busy = shape.Knee * shape.Workers;
        var factor = shape.Contention > 0 && busy > shape.Cores ? 1 + shape.Contention * (busy - shape.Cores) / shape.Cores : 1;
        return 1000 * busy / BusyMs(shape, factor, out _);
    }

    /// <summary>E[min(S·f, T)] (a worker is freed at the timeout; E[S·f] when the work is not cut) and its derivative in f.</summary>
    private static double BusyMs(in ServiceShape shape, double factor, out double derivative, bool untruncated = false)
    {
        if (untruncated || !shape.CutsWork)
        {
            derivative = shape.HitRatio * shape.HitMs + (1 - shape.HitRatio) * shape.MissMs;
            return factor * derivative;
        }

        var hit = shape.HitMs * factor;
        var miss = shape.MissMs * factor;
        var xHit = shape.TimeoutMs / hit;
        var xMiss = shape.TimeoutMs / miss;
        var eHit = Math.Exp(-xHit);
        var eMiss = Math.Exp(-xMiss);
        var h = shape.HitRatio;
        derivative = h * shape.HitMs * (1 - eHit - xHit * eHit) + (1 - h) * shape.MissMs * (1 - eMiss - xMiss * eMiss);
        return h * hit * (1 - eHit) + (1 - h) * miss * (1 - eMiss);
    }

    private static RetryShape RetryThresholds(in ServiceShape shape, ModelParameters p)
    {
        var goodput = Math.Clamp(p.StormGoodput, 0, 1);
        var partial = new RetryShape(p.ClientRetries, goodput, KneeRps(shape), 0, 0);

        // A storm starts when the retries of the requests that time out at the knee fill it: λ·A(p_knee) ≥ K;
        // it ends when even the storm's retries (a share 1 − g of the work wasted) no longer do: λ·A(1 − g) < K.
        var atKnee = Distribution(shape, partial.KneeRps, out _);
        return partial with
        {
            EntryRps = partial.KneeRps / partial.Amplification(atKnee.TimeoutShare),
            ExitRps = partial.KneeRps / partial.Amplification(1 - goodput),
        };
    }

    /// <summary>
    /// The SLIs of an interval in which the instance was down (restarting) for a share
    /// <paramref name="downShare"/> of the time: every request that reached it then failed.
    /// </summary>
    public static SliExpectation WithDowntime(in SliExpectation up, double downShare) => downShare <= 0
        ? up
        : up with { ErrorRate = 1 - (1 - Math.Min(1, downShare)) * (1 - up.ErrorRate), DownShare = Math.Min(1, downShare) };

    private static SliExpectation Finish(in ServiceShape shape, in LatencyDistribution latency, double utilization, double attempts, bool storm)
    {
        var errorRate = 1 - (1 - shape.BaseErrorRate) * (1 - shape.ExtraErrorRate) * (1 - latency.TimeoutShare);
        return new SliExpectation(latency.Quantile(0.95), errorRate, utilization, shape.HitRatio)
        {
            KneeUtilization = shape.Knee,
            AttemptRps = attempts,
            Storm = storm,
        };
    }
}
