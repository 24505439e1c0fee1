namespace Lumen.Core.Canary;

/// <summary>
/// One side (fail or pass) of one statistical gate: the cluster-robust interval-level e-process,
/// joined after the warm-up by the per-request likelihood mixture when the warm-up showed no
/// overdispersion (docs/canary-statistics.md, "Clustered events").
/// <para>
/// At the end of the warm-up (time w) the capital E_w is split: a share 1 − <see cref="RequestWeight"/>
/// stays in the interval-level process, <see cref="RequestWeight"/> is bet on the request-level
/// mixture M started at w: E_t = (1 − w)·E^int_t + w·E^int_w·M_t. The split is fixed by warm-up data only, so given the warm-up
/// both parts are supermartingales from w on (M under independent events), and so is their sum.
/// When the warm-up shows clustering, nothing is moved: E_t = E^int_t, valid for any clustering
/// within intervals.
/// </para>
/// </summary>
internal sealed class GateEvidence
{
    /// <summary>The share of the capital moved to the request-level mixture when the warm-up shows independent events.</summary>
    public const double RequestWeight = 0.9;

    private readonly IntervalBetting _interval;
    private readonly Func<BernoulliMixture> _request;
    private readonly double _passBound;
    private BernoulliMixture? _mixture;
    private TemperedPoissonMixture? _tempered;
    private double _logSplitCapital;

    private GateEvidence(IntervalBetting interval, Func<BernoulliMixture> request, double passBound = double.NaN)
    {
        _interval = interval;
        _request = request;
        _passBound = passBound;
    }

    public static GateEvidence RatioAbove(double rho0) => new(IntervalBetting.RatioAbove(rho0), () => BernoulliMixture.RatioAbove(rho0));

    public static GateEvidence RatioBelow(double rho0) => new(IntervalBetting.RatioBelow(rho0), () => BernoulliMixture.RatioBelow(rho0));

    public static GateEvidence OneSampleAbove(double p0) => new(IntervalBetting.OneSampleAbove(p0), () => BernoulliMixture.OneSampleAbove(p0));

    public static GateEvidence OneSampleBelow(double p0) => new(IntervalBetting.OneSampleBelow(p0), () => BernoulliMixture.OneSampleBelow(p0), p0);

    /// <summary>The cluster index the tempered pass-side evidence uses, when the warm-up fixed one.</summary>
    public double? Temper => _tempered?.Temper;

    /// <summary>The warm-up's verdict on clustering, once fixed.</summary>
    public DispersionEstimate? Model { get; private set; }

    /// <summary>Events (rate ratio) or requests (one-sample) seen so far.</summary>
    public long Trials => _interval.Trials;

    /// <summary>Of those, the canary's events (rate ratio) or the hits (one-sample).</summary>
    public long Hits => _interval.Hits;

    public double E => (_mixture?.LogE ?? _tempered?.LogE) is { } logM
        ? ((1 - RequestWeight) * _interval.E) + (RequestWeight * Math.Exp(_logSplitCapital + logM))
        : _interval.E;

    /// <summary>Fixes the model from the warm-up (once): bets sized for its dispersion, and the request-level share when independent.</summary>
    public void Fix(DispersionEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        if (Model is not null)
        {
            return;
        }

        Model = estimate;
        _interval.Dispersion = double.IsFinite(estimate.Dispersion) ? Math.Max(1, estimate.Dispersion) : 1;
        if (estimate.Independent)
        {
            _logSplitCapital = _interval.LogE;
            _mixture = _request();
        }
        else if (!double.IsNaN(_passBound) && estimate.PassTemper is { } temper)
        {
            _logSplitCapital = _interval.LogE;
            _tempered = new TemperedPoissonMixture(_passBound, temper);
        }
    }


    public void Observe(long hits, long trials)
    {
        _interval.Observe(hits, trials);
        _mixture?.Observe(hits, trials);
        _tempered?.Observe(hits, trials);
    }

    public void ObserveEvents(long canaryEvents, long baselineEvents, long canaryRequests, long baselineRequests)
    {
        _interval.ObserveEvents(canaryEvents, baselineEvents, canaryRequests, baselineRequests);
        _mixture?.ObserveEvents(canaryEvents, baselineEvents, canaryRequests, baselineRequests);
    }
}
