namespace Lumen.Core.Canary;

/// <summary>
/// An e-process for a one-sided hypothesis about a Bernoulli bias: a mixture, over alternative
/// biases, of likelihood ratios against the null boundary (Wald's mixture SPRT; as an e-value:
/// Ramdas et al. 2023, "Game-theoretic statistics and safe anytime-valid inference").
/// <para>
/// Two forms. <b>One-sample</b>: each request is a trial with bias p; null p = p0. <b>Rate ratio</b>
/// (Lindon &amp; Malek 2022, "Anytime-valid inference for multinomial count data"): an event (an
/// error, a slow request) is a trial whose "success" is "it came from the canary". With Poisson
/// event rates λc = ρ·λb per request and an interval's request split s = nc/(nc+nb), that bias is
/// p(ρ, s) = ρs/(ρs + 1 − s). The mixture runs over q = ρ/(1+ρ) (the bias at an even split), so at
/// s = ½ it is exactly the beta-binomial mixture of the tests.
/// </para>
/// <para>
/// Each component is a likelihood ratio of the null boundary's bias p0 against an alternative p1 on
/// one side of it; for any true bias on the other side (the whole composite null) every factor has
/// expectation ≤ 1, because p·p1/p0 + (1−p)(1−p1)/(1−p0) is linear in p and equals 1 at p0. So each
/// component, and any mixture with weights summing to 1, is a nonnegative supermartingale under the
/// null, and by Ville's inequality P(sup_t E_t ≥ 1/α) ≤ α: checking after every interval is safe.
/// The weights are a Beta(1,1) prior restricted to the alternative side, discretised with a
/// Gauss–Legendre rule: a discrete mixture is itself a valid mixture, so the discretisation only
/// changes power, never validity.
/// </para>
/// </summary>
internal sealed class BernoulliMixture
{
    /// <summary>Gauss–Legendre points of the mixture.</summary>
    public const int Nodes = 64;

    private static readonly (double[] Nodes, double[] Weights) Rule = GaussLegendre.Rule(Nodes);

    private readonly double[] _q;
    private readonly double[] _logWeight;
    private readonly double[] _logLr;
    private readonly double _q0;
    private readonly bool _rateRatio;
    private readonly double[] _logHit;
    private readonly double[] _logMiss;

    private BernoulliMixture(double q0, double lo, double hi, bool rateRatio)
    {
        _q0 = q0;
        _rateRatio = rateRatio;
        _q = new double[Nodes];
        _logWeight = new double[Nodes];
        _logLr = new double[Nodes];
        _logHit = new double[Nodes];
        _logMiss = new double[Nodes];
        var half = (hi - lo) / 2;
        for (var i = 0; i < Nodes; i++)
        {
            _q[i] = lo + (half * (Rule.Nodes[i] + 1));

            // Uniform prior on (lo, hi): weight = GL weight · half / (hi − lo); the weights sum to 1.
            _logWeight[i] = Math.Log(Rule.Weights[i] / 2);
            _logHit[i] = Math.Log(_q[i] / q0);
            _logMiss[i] = Math.Log((1 - _q[i]) / (1 - q0));
        }
    }

    /// <summary>Evidence that the bias is above <paramref name="p0"/> (one-sample).</summary>
    public static BernoulliMixture OneSampleAbove(double p0) => new(p0, p0, 1, rateRatio: false);

    /// <summary>Evidence that the bias is below <paramref name="p0"/> (one-sample).</summary>
    public static BernoulliMixture OneSampleBelow(double p0) => new(p0, 0, p0, rateRatio: false);

    /// <summary>Evidence that canary/baseline event rate ratio is above <paramref name="rho0"/>.</summary>
    public static BernoulliMixture RatioAbove(double rho0) => new(rho0 / (1 + rho0), rho0 / (1 + rho0), 1, rateRatio: true);

    /// <summary>Evidence that canary/baseline event rate ratio is below <paramref name="rho0"/>.</summary>
    public static BernoulliMixture RatioBelow(double rho0) => new(rho0 / (1 + rho0), 0, rho0 / (1 + rho0), rateRatio: true);

    /// <summary>Trials seen so far (requests, or events for a rate ratio).</summary>
    public long Trials { get; private set; }

    /// <summary>Successes seen so far (failures, slow requests, or canary events).</summary>
    public long Hits { get; private set; }

    /// <summary>log E: the log of the e-value so far (0 before any data).</summary>
    public double LogE { get; private set; }

    public double E => Math.Exp(LogE);

    /// <summary>One-sample: <paramref name="hits"/> successes among <paramref name="trials"/> trials.</summary>
    public void Observe(long hits, long trials)
    {
        if (_rateRatio)
        {
            throw new InvalidOperationException("a rate-ratio mixture needs the interval's split");
        }

        if (trials <= 0)
        {
            return;
        }

        var misses = trials - hits;
        for (var i = 0; i < Nodes; i++)
        {
            _logLr[i] += (hits * _logHit[i]) + (misses * _logMiss[i]);
        }

        Account(hits, trials);
    }

    /// <summary>Rate ratio: events of one interval on each track, and the interval's requests per track.</summary>
    public void ObserveEvents(long canaryEvents, long baselineEvents, long canaryRequests, long baselineRequests)
    {
        if (!_rateRatio)
        {
            throw new InvalidOperationException("a one-sample mixture takes Observe(hits, trials)");
        }

        if (canaryEvents + baselineEvents == 0 || canaryRequests <= 0 || baselineRequests <= 0)
        {
            return; // no event, or one track silent: the conditional likelihood carries no information
        }

        var s = (double)canaryRequests / (canaryRequests + baselineRequests);
        var rho0 = _q0 / (1 - _q0);
        var logP0 = Math.Log(rho0 * s) - Math.Log((rho0 * s) + 1 - s);
        var log1mP0 = Math.Log(1 - s) - Math.Log((rho0 * s) + 1 - s);
        for (var i = 0; i < Nodes; i++)
        {
            var rho = _q[i] / (1 - _q[i]);
            var denominator = Math.Log((rho * s) + 1 - s);
            var logP = Math.Log(rho * s) - denominator;
            var log1mP = Math.Log(1 - s) - denominator;
            _logLr[i] += (canaryEvents * (logP - logP0)) + (baselineEvents * (log1mP - log1mP0));
        }

        Account(canaryEvents, canaryEvents + baselineEvents);
    }

    private void Account(long hits, long trials)
    {
        Hits += hits;
        Trials += trials;
        var max = double.NegativeInfinity;
        for (var i = 0; i < Nodes; i++)
        {
            max = Math.Max(max, _logWeight[i] + _logLr[i]);
        }

        var sum = 0.0;
        for (var i = 0; i < Nodes; i++)
        {
            sum += Math.Exp(_logWeight[i] + _logLr[i] - max);
        }

        LogE = max + Math.Log(sum);
    }
}
