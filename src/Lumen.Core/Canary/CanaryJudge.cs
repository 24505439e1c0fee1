using System.Collections.Immutable;
using Lumen.Core.Policy;

namespace Lumen.Core.Canary;

/// <summary>
/// The anytime-valid canary judge (docs/canary-statistics.md; method and references in docs/canary-statistics.md).
/// Feed it one paired interval at a time with <see cref="Observe"/>; every verdict it returns may be
/// acted on, because each statistical gate is an e-process compared with a fixed 1/α. Pure and
/// deterministic: no clock, no I/O; the same intervals give the same verdicts.
/// </summary>
public sealed partial class CanaryJudge
{
    /// <summary>Written into every report so a verdict can be traced to the code that made it.</summary>
    public const string Version = "lumen-canary-judge/2";

    /// <summary>The statistical fail tests share α (Bonferroni), so A/A false fails stay ≤ α overall.</summary>
    public const int FailTests = 4;

    /// <summary>Absolute latency gate: at most this share of canary requests may be slower than the SLO (p95).</summary>
    public const double TailShare = 0.05;

    private readonly CanaryStagePolicy _policy;
    private readonly Slo _slo;
    private readonly double _alpha;
    private readonly GateEvidence _errorRatioFail;
    private readonly GateEvidence _errorRatioPass;
    private readonly GateEvidence _errorAbsFail;
    private readonly GateEvidence _errorAbsPass;
    private readonly GateEvidence _latencyAbsFail;
    private readonly GateEvidence _latencyAbsPass;
    private readonly List<CanaryInterval> _warmupIntervals = [];
    private readonly List<(long CanaryEvents, long BaselineEvents, long CanaryRequests, long BaselineRequests)> _errorWarmup = [];
    private GateEvidence? _latencyRatioFail;
    private GateEvidence? _latencyRatioPass;
    private LatencyBucket[]? _canaryHistogram;
    private LatencyBucket[]? _baselineHistogram;
    private LatencyBucket[]? _warmup;
    private long _warmupCanaryRequests;
    private int _absFailIndex = -1;
    private int _absPassIndex = -1;
    private double _coherenceSum;
    private int _coherenceCount;
    private int _phaseSkipped;
    private long _testedCanaryRequests;
    private long _testedBaselineRequests;
    private Rhythm.PhaseLabel _lastPhase = Rhythm.PhaseLabel.Unknown;
    private CanaryVerdict? _final;

    public CanaryJudge(CanaryStagePolicy policy, Slo slo)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(slo);
        _policy = policy;
        _slo = slo;
        _alpha = 1 - policy.Confidence;
        _errorRatioFail = GateEvidence.RatioAbove(policy.Gates.ErrorRate.MaxRatio);
        _errorRatioPass = GateEvidence.RatioBelow(policy.Gates.ErrorRate.MaxRatio);
        _errorAbsFail = GateEvidence.OneSampleAbove(slo.ErrorRate);
        _errorAbsPass = GateEvidence.OneSampleBelow(slo.ErrorRate);
        _latencyAbsFail = GateEvidence.OneSampleAbove(TailShare);
        _latencyAbsPass = GateEvidence.OneSampleBelow(TailShare);
    }

    /// <summary>α = 1 − confidence.</summary>
    public double Alpha => _alpha;

    /// <summary>A fail test fires at e ≥ FailTests/α.</summary>
    public double FailAt => FailTests / _alpha;

    /// <summary>A pass test fires at e ≥ 1/α (a pass needs every gate, so no split is needed).</summary>
    public double PassAt => 1 / _alpha;

    /// <summary>The latency event plan, once the warm-up has fixed it.</summary>
    public LatencyEventPlan? LatencyPlan { get; private set; }

    /// <summary>The error gates' model (dispersion of errors in the warm-up), once the warm-up has fixed it.</summary>
    public DispersionEstimate? ErrorModel { get; private set; }

    /// <summary>The latency gates' model (dispersion of slow requests in the warm-up), fixed with <see cref="LatencyPlan"/>.</summary>
    public DispersionEstimate? LatencyModel { get; private set; }

    /// <summary>Intervals of the warm-up that fixes the models (and, with enough requests, the latency plan):
    /// min_intervals, and at least the intervals a dispersion estimate needs.</summary>
    public int WarmupIntervals => Math.Max(DispersionEstimate.MinIntervals, _policy.MinIntervals);

    /// <summary>The error warm-up goes on past <see cref="WarmupIntervals"/> until it holds enough events, at most this long.</summary>
    public int MaxWarmupIntervals => 4 * WarmupIntervals;

    public int IntervalsSeen { get; private set; }

    public int IntervalsUsed { get; private set; }

    public long BaselineRequests { get; private set; }

    public long CanaryRequests { get; private set; }

    public long BaselineErrors { get; private set; }

    public long CanaryErrors { get; private set; }

    /// <summary>Replays intervals in order and stops at the first final verdict, as a live check would.</summary>
    public static CanaryVerdict Replay(CanaryStagePolicy policy, Slo slo, IEnumerable<CanaryInterval> intervals) =>
        new CanaryJudge(policy, slo).Replay(intervals);

    /// <summary>
    /// Observes intervals in order and stops at the first final verdict, as a live check would; the
    /// judge keeps its models and plan for the report.
    /// </summary>
    public CanaryVerdict Replay(IEnumerable<CanaryInterval> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        CanaryVerdict? verdict = null;
        foreach (var interval in intervals)
        {
            verdict = Observe(interval);
            if (verdict.IsFinal)
            {
                return verdict;
            }
        }

        return verdict ?? Snapshot();
    }

    /// <summary>The verdict so far without new data (with no data at all: inconclusive, never pass).</summary>
    public CanaryVerdict Snapshot() => _final ?? Current(null);

    /// <summary>Takes one interval and returns the verdict after it. After a final verdict, nothing changes.</summary>
    public CanaryVerdict Observe(CanaryInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        if (_final is not null)
        {
            return _final;
        }

        IntervalsSeen++;
        if (_policy.SamePhase && !interval.PhasesAgree)
        {
            _phaseSkipped++;
        }
        else
        {
            Accumulate(interval);
        }

        var verdict = Current(interval.Timestamp);
        if (verdict.IsFinal)
        {
            _final = verdict;
        }

        return verdict;
    }

    private void Accumulate(CanaryInterval interval)
    {
        var b = interval.Baseline;
        var c = interval.Canary;
        IntervalsUsed++;
        _lastPhase = interval.Phase;
        BaselineRequests += b.Requests;
        CanaryRequests += c.Requests;
        BaselineErrors += b.Errors;
        CanaryErrors += c.Errors;
        if (c.Coherence is { } coherence)
        {
            _coherenceSum += coherence;
            _coherenceCount++;
        }

        _canaryHistogram = Add(_canaryHistogram, c.Buckets.AsSpan());
        _baselineHistogram = Add(_baselineHistogram, b.Buckets.AsSpan());

        _errorRatioFail.ObserveEvents(c.Errors, b.Errors, c.Requests, b.Requests);
        _errorRatioPass.ObserveEvents(c.Errors, b.Errors, c.Requests, b.Requests);
        _errorAbsFail.Observe(c.Errors, c.Requests);
        _errorAbsPass.Observe(c.Errors, c.Requests);
        ObserveAbsoluteLatency(c);
        if (LatencyPlan is null)
        {
            _warmupIntervals.Add(interval);
        }

        if (ErrorModel is null)
        {
            _errorWarmup.Add((c.Errors, b.Errors, c.Requests, b.Requests));
        }

        if (ErrorModel is null && IntervalsUsed >= WarmupIntervals && DispersionEstimate.From(_errorWarmup) is var estimate
            && (estimate.Enough || IntervalsUsed >= MaxWarmupIntervals))
        {
            // The model is fixed from intervals already tested by the interval-level half only; the
            // request-level half, if any, starts with the next interval.
            ErrorModel = Assumed(estimate);
            _errorWarmup.Clear();
            foreach (var gate in new[] { _errorRatioFail, _errorRatioPass, _errorAbsFail, _errorAbsPass })
            {
                gate.Fix(ErrorModel);
            }
        }

        ObserveRelativeLatency(b, c);
    }

    /// <summary>The warm-up's estimate, marked independent when the policy asserts it (<c>independent_events</c>).</summary>
    private DispersionEstimate Assumed(DispersionEstimate estimate) =>
        _policy.IndependentEvents ? estimate with { Independent = true } : estimate;

    private void ObserveAbsoluteLatency(IntervalRecord canary)
    {
        if (_absFailIndex < 0 && _absPassIndex < 0)
        {
            // Fail on the smallest bound ≥ SLO, pass on the largest bound ≤ SLO: both conservative when
            // the SLO falls between bucket bounds (docs/canary-statistics.md).
            var slo = _slo.LatencyP95Ms / 1000;
            var buckets = canary.Buckets;
            _absFailIndex = int.MaxValue;
            for (var i = 0; i < buckets.Length - 1; i++)
            {
                if (buckets[i].UpperBoundSeconds >= slo - 1e-12 && _absFailIndex == int.MaxValue)
                {
                    _absFailIndex = i;
                }

                if (buckets[i].UpperBoundSeconds <= slo + 1e-12)
                {
                    _absPassIndex = i;
                }
            }
        }

        if (_absFailIndex != int.MaxValue)
        {
            _latencyAbsFail.Observe(canary.CountAbove(_absFailIndex), canary.Requests);
        }

        if (_absPassIndex >= 0)
        {
            _latencyAbsPass.Observe(canary.CountAbove(_absPassIndex), canary.Requests);
        }
    }

    private void ObserveRelativeLatency(IntervalRecord baseline, IntervalRecord canary)
    {
        if (LatencyPlan is { } plan)
        {
            var canaryEvents = canary.CountAbove(plan.BucketIndex);
            var baselineEvents = baseline.CountAbove(plan.BucketIndex);
            _latencyRatioFail!.ObserveEvents(canaryEvents, baselineEvents, canary.Requests, baseline.Requests);
            _latencyRatioPass!.ObserveEvents(canaryEvents, baselineEvents, canary.Requests, baseline.Requests);
            _testedCanaryRequests += canary.Requests;
            _testedBaselineRequests += baseline.Requests;
            return;
        }

        // Warm-up: the baseline alone fixes the slow-request bound; these intervals are not tested.
        // The canary's request count (not its latency) gives the split the test will see.
        _warmup = Add(_warmup, baseline.Buckets.AsSpan());
        _warmupCanaryRequests += canary.Requests;
        var warmupBaseline = _warmup[^1].CumulativeCount;
        var split = (double)_warmupCanaryRequests / Math.Max(1, _warmupCanaryRequests + warmupBaseline);
        if (IntervalsUsed >= WarmupIntervals && warmupBaseline >= LatencyEventPlan.MinWarmupRequests
            && LatencyEventPlan.From(_warmup, _policy.Gates.LatencyP95.MaxRatio, split) is { } fixedPlan)
        {
            LatencyPlan = fixedPlan;
            LatencyModel = Assumed(DispersionEstimate.From(_warmupIntervals.Select(i => (i.Canary.CountAbove(fixedPlan.BucketIndex), i.Baseline.CountAbove(fixedPlan.BucketIndex), i.Canary.Requests, i.Baseline.Requests)).ToList()));
            _latencyRatioFail = GateEvidence.RatioAbove(fixedPlan.AllowedRatio);
            _latencyRatioPass = GateEvidence.RatioBelow(fixedPlan.AllowedRatio);
            foreach (var gate in new[] { _latencyRatioFail, _latencyRatioPass, _latencyAbsFail })
            {
                gate.Fix(LatencyModel);
            }

            // Independence is judged at the plan's bound, as for the other latency gates; when slow
            // requests are clustered, the absolute pass side tempers its evidence by the clustering of
            // the requests above its own bound, not the plan's.
            _latencyAbsPass.Fix(LatencyModel.Independent || _absPassIndex < 0 || _absPassIndex == fixedPlan.BucketIndex
                ? LatencyModel
                : DispersionEstimate.From(_warmupIntervals.Select(i => (i.Canary.CountAbove(_absPassIndex), i.Baseline.CountAbove(_absPassIndex), i.Canary.Requests, i.Baseline.Requests)).ToList()) with { Independent = false });
            _warmupIntervals.Clear();
        }
    }

    private static LatencyBucket[] Add(LatencyBucket[]? sum, ReadOnlySpan<LatencyBucket> buckets)
    {
        if (sum is null)
        {
            return buckets.ToArray();
        }

        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] = sum[i] with { CumulativeCount = sum[i].CumulativeCount + buckets[i].CumulativeCount };
        }

        return sum;
    }

    private CanaryVerdict Current(DateTimeOffset? at)
    {
        var gates = ImmutableArray.CreateBuilder<CanaryGateResult>();
        var ready = ReadyGate();
        gates.Add(ready);
        gates.Add(ErrorRelativeGate());
        gates.Add(LatencyRelativeGate());
        gates.Add(ErrorAbsoluteGate());
        gates.Add(LatencyAbsoluteGate());
        if (_policy.Gates.CoherenceEnabled)
        {
            gates.Add(CoherenceGate());
        }

        gates.Add(PhaseGate());
        var all = gates.ToImmutable();
        var isReady = ready.Outcome == CanaryOutcome.Pass;
        var failed = all.Where(g => g.Outcome == CanaryOutcome.Fail).ToList();
        var reasons = ImmutableArray.CreateBuilder<string>();
        CanaryOutcome outcome;
        if (isReady && failed.Count > 0)
        {
            outcome = CanaryOutcome.Fail;
            reasons.AddRange(failed.Select(g => $"{g.Gate}: {g.Reason}"));
        }
        else if (isReady && all.All(g => g.Outcome == CanaryOutcome.Pass))
        {
            outcome = CanaryOutcome.Pass;
            reasons.Add("every gate passed: the canary is within the SLO and not worse than the baseline beyond the allowed margins");
        }
        else
        {
            outcome = CanaryOutcome.Inconclusive;
            reasons.AddRange(all.Where(g => g.Outcome != CanaryOutcome.Pass).Select(g => $"{g.Gate}: {g.Reason}"));
        }

        if (_phaseSkipped > 0)
        {
            reasons.Add($"{_phaseSkipped} interval(s) skipped: baseline and canary were in different phases");
        }

        var final = outcome != CanaryOutcome.Inconclusive || IntervalsSeen >= _policy.MaxIntervals;
        if (outcome == CanaryOutcome.Inconclusive && final)
        {
            reasons.Insert(0, $"no decision after max_intervals ({_policy.MaxIntervals}): inconclusive is final");
        }

        return new CanaryVerdict(outcome, final, final ? at : null, IntervalsSeen, IntervalsUsed, BaselineRequests, CanaryRequests, all, reasons.ToImmutable());
    }
}
