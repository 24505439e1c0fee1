namespace Lumen.Core.Canary;

/// <summary>
/// Evidence that the canary's per-request event rate is <i>below</i> p0 when events come in clusters
/// (the pass side of an absolute gate): a mixture over alternatives q &lt; p0 of Poisson likelihood
/// ratios tempered by a cluster index T fixed in the warm-up,
/// <c>exp((X·ln(q/p0) − n·(q − p0)) / T)</c> for an interval with X events among n requests.
/// <para>
/// <b>Validity</b> (docs/canary-statistics.md, "Passing an absolute gate with clustered events"): let
/// the interval's events be compound Poisson, clusters arriving at rate n·p/m with i.i.d. sizes Y
/// (mean m, index φ = E[Y²]/E[Y]). With u = ln(p0/q) &gt; 0 the factor's log-expectation is
/// (n·p/m)·(E[e^{−uY/T}] − 1) + n·(p0 − q)/T, largest on the null side p ≥ p0 at p = p0, where it is
/// ≤ 0 exactly when E_sb[ψ(Y)] ≥ ψ(T) for ψ(y) = (1 − e^{−uy/T})/y and E_sb the size-biased law of Y.
/// ψ is decreasing and convex (a mixture of exponentials), so by Jensen E_sb[ψ(Y)] ≥ ψ(E_sb[Y]) = ψ(φ)
/// ≥ ψ(T) whenever T ≥ φ. So every component is a test supermartingale for any cluster-size law with
/// index at most T, and so is the mixture. Independent (binomial) events are the case Y ≡ 1, whose
/// moment generating function is below the Poisson one.
/// </para>
/// </summary>
internal sealed class TemperedPoissonMixture
{
    private static readonly (double[] Nodes, double[] Weights) Rule = GaussLegendre.Rule(BernoulliMixture.Nodes);

    private readonly double[] _logRatio;
    private readonly double[] _excess;
    private readonly double[] _logWeight;
    private readonly double[] _logLr;
    private readonly double _temper;

    /// <param name="p0">The null boundary (the SLO's rate).</param>
    /// <param name="temper">The cluster index T ≥ 1 the evidence is tempered by.</param>
    public TemperedPoissonMixture(double p0, double temper)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(temper, 1);
        _temper = temper;
        var n = BernoulliMixture.Nodes;
        _logRatio = new double[n];
        _excess = new double[n];
        _logWeight = new double[n];
        _logLr = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Uniform prior on (0, p0), as the other pass-side mixtures.
            var q = p0 * (Rule.Nodes[i] + 1) / 2;
            _logRatio[i] = Math.Log(q / p0);
            _excess[i] = q - p0;
            _logWeight[i] = Math.Log(Rule.Weights[i] / 2);
        }
    }

    /// <summary>The index the evidence is tempered by.</summary>
    public double Temper => _temper;

    /// <summary>log E (0 before any data).</summary>
    public double LogE { get; private set; }

    /// <summary>One interval: <paramref name="hits"/> events among <paramref name="trials"/> requests.</summary>
    public void Observe(long hits, long trials)
    {
        if (trials <= 0)
        {
            return;
        }

        var max = double.NegativeInfinity;
        for (var i = 0; i < _logLr.Length; i++)
        {
            _logLr[i] += ((hits * _logRatio[i]) - (trials * _excess[i])) / _temper;
            max = Math.Max(max, _logWeight[i] + _logLr[i]);
        }

        var sum = 0.0;
        for (var i = 0; i < _logLr.Length; i++)
        {
            sum += Math.Exp(_logWeight[i] + _logLr[i] - max);
        }

        LogE = max + Math.Log(sum);
    }
}
