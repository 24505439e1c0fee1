namespace Lumen.Simulator.Model;

/// <summary>
/// The response-time distribution of one instance, as its latency histogram records it
/// (docs/simulator.md, "Latency"). Response time R = W + S with
/// <list type="bullet">
/// <item>W, the queueing delay: 0 with probability 1 − C, else exponential with rate θ
/// (the M/M/c waiting-time law P(W &gt; t) = C·e^{−θt}, θ = cμ − λ, stretched by the
/// Allen–Cunneen factor for the service time's variability);</item>
/// <item>S, the service time: a hit (exponential, mean 1/ν_hit) with probability p_hit, else a miss
/// (exponential, mean 1/ν_miss): a two-phase hyperexponential.</item>
/// </list>
/// A request still running at the timeout T is cut there and recorded at T, as are the requests a
/// saturated instance sheds (share σ). All times in milliseconds.
/// </summary>
internal readonly struct LatencyDistribution
{
    private readonly double _waitProbability;
    private readonly double _theta;
    private readonly double _hitShare;
    private readonly double _nuHit;
    private readonly double _nuMiss;

    public LatencyDistribution(double waitProbability, double theta, double hitShare, double nuHit, double nuMiss, double timeoutMs, double shed)
    {
        _waitProbability = waitProbability;
        _theta = theta;
        _hitShare = hitShare;
        _nuHit = nuHit;
        _nuMiss = nuMiss;
        TimeoutMs = timeoutMs;
        Shed = shed;
    }

    /// <summary>The timeout: no recorded latency exceeds it.</summary>
    public double TimeoutMs { get; }

    /// <summary>Share of arrivals a saturated instance cannot serve (they time out).</summary>
    public double Shed { get; }

    /// <summary>The same distribution with a different shed share (a retry storm wastes more than the excess).</summary>
    public LatencyDistribution WithShed(double shed) =>
        new(_waitProbability, _theta, _hitShare, _nuHit, _nuMiss, TimeoutMs, Math.Clamp(shed, 0, 1));

    /// <summary>Share of requests cut by the timeout (shed ones included).</summary>
    public double TimeoutShare => Shed + (1 - Shed) * RawTail(TimeoutMs);

    /// <summary>P(recorded latency ≤ t): shed requests sit at the timeout, above every t &lt; T.</summary>
    public double Cdf(double tMs) => tMs >= TimeoutMs ? 1.0 : 1.0 - Shed - (1 - Shed) * RawTail(Math.Max(0, tMs));

    /// <summary>
    /// The q-quantile of the recorded latency: the timeout when more than 1 − q of the requests reach
    /// it; otherwise the root of σ + (1 − σ)·P(R &gt; t) = 1 − q by Newton's method on the log-tail
    /// (nearly linear, since the tail is a mix of exponentials), kept inside a shrinking bracket
    /// and falling back to bisection, so it always converges.
    /// </summary>
    public double Quantile(double q)
    {
        if (Shed >= 1 - q)
        {
            return TimeoutMs;
        }

        var target = (1 - q - Shed) / (1 - Shed);
        if (RawTail(TimeoutMs) >= target)
        {
            return TimeoutMs;
        }

        var lo = 0.0;
        var hi = TimeoutMs;
        var logTarget = Math.Log(target);
        var t = Math.Min(Math.Log(1 / target) / Math.Min(_nuMiss, _nuHit), hi * 0.5);
        for (var i = 0; i < 64; i++)
        {
            var tail = RawTail(t);
            var f = Math.Log(tail) - logTarget;
            if (f > 0)
            {
                lo = t;
            }
            else
            {
                hi = t;
            }

            var next = t + f * tail / RawDensity(t);
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }

            if (Math.Abs(next - t) <= 1e-9 * Math.Max(1.0, t))
            {
                return next;
            }

            t = next;
        }

        return t;
    }

    /// <summary>P(R &gt; t) before the timeout cuts it.</summary>
    private double RawTail(double t) =>
        _hitShare * ComponentTail(_nuHit, t) + (1 - _hitShare) * ComponentTail(_nuMiss, t);

    private double RawDensity(double t) =>
        _hitShare * ComponentDensity(_nuHit, t) + (1 - _hitShare) * ComponentDensity(_nuMiss, t);

    private double ComponentTail(double nu, double t)
    {
        var serviceOnly = Math.Exp(-nu * t);
        if (_waitProbability <= 0)
        {
            return serviceOnly;
        }

        // P(E_θ + E_ν > t) for independent exponentials (hypoexponential tail).
        double both;
        if (Math.Abs(_theta - nu) <= 1e-6 * (_theta + nu))
        {
            both = (1 + nu * t) * serviceOnly;
        }
        else
        {
            both = (_theta * serviceOnly - nu * Math.Exp(-_theta * t)) / (_theta - nu);
        }

        return (1 - _waitProbability) * serviceOnly + _waitProbability * both;
    }

    private double ComponentDensity(double nu, double t)
    {
        var serviceOnly = Math.Exp(-nu * t);
        if (_waitProbability <= 0)
        {
            return nu * serviceOnly;
        }

        double both;
        if (Math.Abs(_theta - nu) <= 1e-6 * (_theta + nu))
        {
            both = nu * nu * t * serviceOnly;
        }
        else
        {
            both = _theta * nu * (serviceOnly - Math.Exp(-_theta * t)) / (_theta - nu);
        }

        return (1 - _waitProbability) * nu * serviceOnly + _waitProbability * both;
    }
}
