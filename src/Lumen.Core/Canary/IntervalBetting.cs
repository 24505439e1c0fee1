namespace Lumen.Core.Canary;

/// <summary>
/// A cluster-robust e-process over <i>intervals</i> (testing by betting: Shafer 2021; Waudby-Smith
/// &amp; Ramdas 2023). Each interval gives one bounded statistic, the canary's share y of the
/// interval's events (rate ratio) or of its requests (one-sample), whose conditional mean under the
/// null boundary is p0 <i>whatever the clustering inside the interval</i>: if each cluster (an upstream
/// blip failing several requests, a pause slowing a batch) comes from the canary with probability p,
/// independently of its size, then E[y | sizes] = Σ p·Yk / Σ Yk = p. The factor of one interval is
/// 1 + c·(y − p0) (fail side) or 1 + c·(p0 − y) (pass side) with a bet c ≥ 0 fixed before y is seen
/// and small enough to keep the factor positive; its conditional expectation is 1 + c·(p − p0) ≤ 1 for
/// every p on the null side, so the product is a test supermartingale and Ville's inequality holds.
/// <para>
/// The bet may depend on anything known before the interval's split of events: here on the
/// interval's event (or request) count n and a dispersion φ fixed from the warm-up. Component j of the
/// mixture bets as the linearised binomial likelihood ratio of n_eff independent events against the
/// alternative p1j: c = n_eff·(p1j − p0) / (p0(1 − p0)), capped at <see cref="Cap"/>/p0 (fail) or
/// <see cref="Cap"/>/(1 − p0) (pass), where n_eff = n for independent events, max(1, n/φ) for the
/// one-sample share and, for the rate ratio, the count <see cref="ClusterCount"/> expects the interval's
/// events to be worth given the clusters they may form. With one event per interval this is exactly the request-level
/// likelihood ratio; the mixture over p1j uses the same uniform prior and Gauss–Legendre nodes as
/// <see cref="BernoulliMixture"/>, and a mixture of test supermartingales is one.
/// </para>
/// </summary>
internal sealed class IntervalBetting
{
    /// <summary>Largest share of the capital at risk in one interval: a factor is never below 1 − Cap.</summary>
    public const double Cap = 0.9;

    private static readonly (double[] Nodes, double[] Weights) Rule = GaussLegendre.Rule(BernoulliMixture.Nodes);

    private readonly double[] _q;
    private readonly double[] _logWeight;
    private readonly double[] _logCapital;
    private readonly double _q0;
    private readonly bool _above;
    private readonly bool _rateRatio;
    private double _dispersion = 1;
    private double _clusterRate = double.NaN;
    private long _observed;
    private long _observedEvents;

    private IntervalBetting(double q0, double lo, double hi, bool above, bool rateRatio)
    {
        _q0 = q0;
        _above = above;
        _rateRatio = rateRatio;
        var n = BernoulliMixture.Nodes;
        _q = new double[n];
        _logWeight = new double[n];
        _logCapital = new double[n];
        var half = (hi - lo) / 2;
        for (var i = 0; i < n; i++)
        {
            _q[i] = lo + (half * (Rule.Nodes[i] + 1));
            _logWeight[i] = Math.Log(Rule.Weights[i] / 2);
        }
    }

    /// <summary>Evidence that the canary's per-request rate is above <paramref name="p0"/>.</summary>
    public static IntervalBetting OneSampleAbove(double p0) => new(p0, p0, 1, above: true, rateRatio: false);

    /// <summary>Evidence that the canary's per-request rate is below <paramref name="p0"/>.</summary>
    public static IntervalBetting OneSampleBelow(double p0) => new(p0, 0, p0, above: false, rateRatio: false);

    /// <summary>Evidence that the canary/baseline event rate ratio is above <paramref name="rho0"/>.</summary>
    public static IntervalBetting RatioAbove(double rho0) => new(rho0 / (1 + rho0), rho0 / (1 + rho0), 1, above: true, rateRatio: true);

    /// <summary>Evidence that the canary/baseline event rate ratio is below <paramref name="rho0"/>.</summary>
    public static IntervalBetting RatioBelow(double rho0) => new(rho0 / (1 + rho0), 0, rho0 / (1 + rho0), above: false, rateRatio: true);

    /// <summary>
    /// The dispersion the bets are sized for (≥ 1; 1 until the warm-up fixes it). Setting it also fixes
    /// the cluster rate the rate-ratio bets use (events per interval so far ÷ the mean cluster size
    /// (φ + 1)/2 of geometric clusters). It changes the bets only, never the validity: any bet fixed
    /// before the interval's split is seen is allowed.
    /// </summary>
    public double Dispersion
    {
        get => _dispersion;
        set
        {
            _dispersion = value;
            var clusterMean = (Math.Max(1, value) + 1) / 2;
            _clusterRate = _observed > 0 ? (double)_observedEvents / _observed / clusterMean : double.NaN;
        }
    }

    /// <summary>Events (rate ratio) or requests (one-sample) seen so far.</summary>
    public long Trials { get; private set; }

    /// <summary>Of those, the canary's events (rate ratio) or the hits (one-sample).</summary>
    public long Hits { get; private set; }

    /// <summary>Intervals that carried information.</summary>
    public int Intervals { get; private set; }

    /// <summary>log E (0 before any data).</summary>
    public double LogE { get; private set; }

    public double E => Math.Exp(LogE);

    /// <summary>One-sample: <paramref name="hits"/> of the interval's <paramref name="trials"/> requests.</summary>
    public void Observe(long hits, long trials)
    {
        if (_rateRatio)
        {
            throw new InvalidOperationException("a rate-ratio e-process needs the interval's split");
        }

        if (trials <= 0)
        {
            return;
        }

        Bet((double)hits / trials, trials, _q0, static (q, _) => q, 0);
        Account(hits, trials);
    }

    /// <summary>Rate ratio: the events of one interval on each track and the interval's requests per track.</summary>
    public void ObserveEvents(long canaryEvents, long baselineEvents, long canaryRequests, long baselineRequests)
    {
        if (!_rateRatio)
        {
            throw new InvalidOperationException("a one-sample e-process takes Observe(hits, trials)");
        }

        var events = canaryEvents + baselineEvents;
        if (canaryRequests > 0 && baselineRequests > 0)
        {
            _observed++;
            _observedEvents += events;
        }

        if (events == 0 || canaryRequests <= 0 || baselineRequests <= 0)
        {
            return;
        }

        var s = (double)canaryRequests / (canaryRequests + baselineRequests);
        Bet((double)canaryEvents / events, events, Share(_q0, s), Share, s);
        Account(canaryEvents, events);
    }

    /// <summary>The canary's expected share of events at split s when the bias at an even split is q.</summary>
    public static double Share(double q, double s)
    {
        var rho = q / (1 - q);
        return rho * s / ((rho * s) + 1 - s);
    }

    /// <summary>One interval's factor for the component betting on <paramref name="p1"/>, when the interval's share is <paramref name="share"/> of <paramref name="n"/>.</summary>
    internal double Factor(double share, double n, double p0, double p1) => EffectiveFactor(share, Effective(n), p0, p1);

    /// <summary>The factor for <paramref name="effective"/> independent events' worth (computed once per interval, shared by the components).</summary>
    private double EffectiveFactor(double share, double effective, double p0, double p1) =>
        1 + (Stake(effective, p0, p1) * (_above ? share - p0 : p0 - share));

    private double Stake(double effective, double p0, double p1)
    {
        var kelly = effective * Math.Abs(p1 - p0) / (p0 * (1 - p0));
        return Math.Min(kelly, Cap / (_above ? p0 : 1 - p0));
    }

    private double Effective(double n)
    {
        var phi = Math.Max(1, Dispersion);
        if (phi <= 1)
        {
            return Math.Max(1, n);
        }

        var clusterMean = (phi + 1) / 2;
        if (_rateRatio && double.IsFinite(_clusterRate) && _clusterRate > 0 && n / clusterMean < 100)
        {
            return ClusterCount.Effective((long)n, _clusterRate, clusterMean);
        }

        return Math.Max(1, n / phi);
    }

    private void Bet(double share, long n, double p0, Func<double, double, double> alternative, double s)
    {
        if (p0 <= 0 || p0 >= 1)
        {
            return;
        }

        var effective = Effective(n);
        for (var i = 0; i < _q.Length; i++)
        {
            var p1 = alternative(_q[i], s);
            _logCapital[i] += Math.Log(EffectiveFactor(share, effective, p0, p1));
        }
    }

    private void Account(long hits, long trials)
    {
        Hits += hits;
        Trials += trials;
        Intervals++;
        var max = double.NegativeInfinity;
        for (var i = 0; i < _q.Length; i++)
        {
            max = Math.Max(max, _logWeight[i] + _logCapital[i]);
        }

        var sum = 0.0;
        for (var i = 0; i < _q.Length; i++)
        {
            sum += Math.Exp(_logWeight[i] + _logCapital[i] - max);
        }

        LogE = max + Math.Log(sum);
    }
}
