using System.Globalization;

namespace Lumen.Core.Canary;

/// <summary>The gates of <see cref="CanaryJudge"/>: each turns the evidence so far into a result with reasons.</summary>
public sealed partial class CanaryJudge
{
    private CanaryGateResult ReadyGate()
    {
        var least = Math.Min(BaselineRequests, CanaryRequests);
        var ok = IntervalsUsed >= _policy.MinIntervals && least >= _policy.MinSamples;
        var reason = ok
            ? $"{IntervalsUsed} intervals and at least {least} requests per track (need {_policy.MinIntervals} and {_policy.MinSamples})"
            : IntervalsUsed == 0
                ? "no data yet"
                : $"not enough data yet: {IntervalsUsed}/{_policy.MinIntervals} intervals, baseline {BaselineRequests} and canary {CanaryRequests} of {_policy.MinSamples} requests";
        return new CanaryGateResult("min_samples", ok ? CanaryOutcome.Pass : CanaryOutcome.Inconclusive, least, _policy.MinSamples, null, null, null, null, IntervalsUsed, reason);
    }

    private CanaryGateResult ErrorRelativeGate()
    {
        var ratio = RateRatio(CanaryErrors, CanaryRequests, BaselineErrors, BaselineRequests);
        var max = _policy.Gates.ErrorRate.MaxRatio;
        return Statistical(
            "error_rate.relative", ratio, max, _errorRatioFail, _errorRatioPass,
            $"canary error rate {Pct(CanaryErrors, CanaryRequests)} vs baseline {Pct(BaselineErrors, BaselineRequests)} (ratio {F(ratio)}, allowed {F(max)}); {ModelText(ErrorModel)}",
            "the canary fails more often than the baseline beyond the allowed ratio",
            "the canary's error rate is within the allowed ratio of the baseline's",
            _errorRatioFail.Trials == 0 ? "no errors on either track yet: no evidence" : "not enough errors yet to tell");
    }

    private CanaryGateResult LatencyRelativeGate()
    {
        if (LatencyPlan is not { } plan || _latencyRatioFail is null || _latencyRatioPass is null)
        {
            return new CanaryGateResult("latency_p95.relative", CanaryOutcome.Inconclusive, null, _policy.Gates.LatencyP95.MaxRatio, null, FailAt, null, PassAt, 0,
                "warming up: the slow-request bound is fixed from the baseline's first intervals, which are not tested");
        }

        var p95Ratio = P95Ms(_canaryHistogram) / P95Ms(_baselineHistogram);
        var events = _latencyRatioFail.Trials;
        var canarySlow = _latencyRatioFail.Hits;
        var slowRatio = RateRatio(canarySlow, _testedCanaryRequests, events - canarySlow, _testedBaselineRequests);
        return Statistical(
            "latency_p95.relative", p95Ratio, _policy.Gates.LatencyP95.MaxRatio, _latencyRatioFail, _latencyRatioPass,
            $"canary p95 {F(P95Ms(_canaryHistogram))} ms vs baseline {F(P95Ms(_baselineHistogram))} ms (ratio {F(p95Ratio)}, allowed {F(_policy.Gates.LatencyP95.MaxRatio)}); tested as the rate of requests slower than {F(plan.BoundSeconds * 1000)} ms (allowed rate ratio {F(plan.AllowedRatio)}, observed ≈ {F(slowRatio)}); {ModelText(LatencyModel)}",
            "the canary has more slow requests than the baseline beyond the allowed margin",
            "the canary's slow-request rate is within the allowed margin of the baseline's",
            "not enough slow requests yet to tell");
    }

    private CanaryGateResult ErrorAbsoluteGate()
    {
        var rate = CanaryRequests == 0 ? (double?)null : (double)CanaryErrors / CanaryRequests;
        return Statistical(
            "error_rate.absolute", rate, _slo.ErrorRate, _errorAbsFail, _errorAbsPass,
            $"canary error rate {Pct(CanaryErrors, CanaryRequests)}, SLO {F(_slo.ErrorRate * 100)} %; {ModelText(ErrorModel)}{TemperText(_errorAbsPass)}",
            "the canary's error rate is above the SLO",
            "the canary's error rate is below the SLO",
            CanaryRequests == 0 ? "no canary requests yet" : "too close to the SLO to tell yet");
    }

    private CanaryGateResult LatencyAbsoluteGate()
    {
        var p95 = P95Ms(_canaryHistogram);
        double? statistic = double.IsNaN(p95) ? null : p95;
        var head = $"canary p95 {F(p95)} ms (histogram_quantile), SLO {F(_slo.LatencyP95Ms)} ms; tested as the share of canary requests slower than the nearest bucket bounds; {ModelText(LatencyModel)}{TemperText(_latencyAbsPass)}";
        if (_absPassIndex < 0 && _absFailIndex == int.MaxValue && CanaryRequests > 0)
        {
            return new CanaryGateResult("latency_p95.absolute", CanaryOutcome.Inconclusive, statistic, _slo.LatencyP95Ms, null, FailAt, null, PassAt, CanaryRequests,
                $"{head}: the histogram has no finite bucket bound to test the SLO with");
        }

        return Statistical(
            "latency_p95.absolute", statistic, _slo.LatencyP95Ms, _latencyAbsFail, _latencyAbsPass, head,
            "more than 5 % of canary requests are slower than the SLO",
            "the canary's p95 is within the SLO",
            _absPassIndex < 0 && CanaryRequests > 0 ? "the SLO is below the smallest bucket bound: it can fail but never pass" : CanaryRequests == 0 ? "no canary requests yet" : "too close to the SLO to tell yet");
    }

    private CanaryGateResult CoherenceGate()
    {
        var min = _slo.CoherenceMin;
        if (_coherenceCount == 0)
        {
            return new CanaryGateResult("coherence", CanaryOutcome.Inconclusive, null, min, null, null, null, null, 0,
                "the canary records carry no coherence, so this gate cannot pass (add the coherence field, or disable the gate)");
        }

        var mean = _coherenceSum / _coherenceCount;
        var ok = mean >= min;
        return new CanaryGateResult("coherence", ok ? CanaryOutcome.Pass : CanaryOutcome.Fail, mean, min, null, null, null, null, _coherenceCount,
            ok ? $"mean canary coherence {F(mean)} is at least {F(min)}" : $"mean canary coherence {F(mean)} is below coherence_min {F(min)} (a measured breach, not a test)");
    }

    private CanaryGateResult PhaseGate()
    {
        var name = _lastPhase.ToString().ToLowerInvariant();
        if (IntervalsUsed == 0)
        {
            return new CanaryGateResult("phase", CanaryOutcome.Inconclusive, null, null, null, null, null, null, 0, "no compared interval yet");
        }

        var allowed = _policy.AllowedPhases.Contains(_lastPhase);
        var list = string.Join(", ", _policy.AllowedPhases.Select(p => p.ToString().ToLowerInvariant()));
        return new CanaryGateResult("phase", allowed ? CanaryOutcome.Pass : CanaryOutcome.Inconclusive, null, null, null, null, null, null, IntervalsUsed,
            allowed ? $"current phase {name} allows promotion" : $"current phase {name} is not one of the allowed phases ({list}): waiting");
    }

    private CanaryGateResult Statistical(string gate, double? statistic, double threshold, GateEvidence fail, GateEvidence pass, string head, string failText, string passText, string waitText)
    {
        var eFail = fail.E;
        var ePass = pass.E;
        CanaryOutcome outcome;
        string reason;
        if (eFail >= FailAt)
        {
            outcome = CanaryOutcome.Fail;
            reason = $"{failText}: {head}; e-value {E(eFail)} ≥ {E(FailAt)}";
        }
        else if (ePass >= PassAt)
        {
            outcome = CanaryOutcome.Pass;
            reason = $"{passText}: {head}; e-value {E(ePass)} ≥ {E(PassAt)}";
        }
        else
        {
            outcome = CanaryOutcome.Inconclusive;
            reason = $"{waitText}: {head}; e-values {E(eFail)} (fail at {E(FailAt)}) and {E(ePass)} (pass at {E(PassAt)})";
        }

        var stat = statistic is { } s && double.IsFinite(s) ? s : (double?)null;
        return new CanaryGateResult(gate, outcome, stat, threshold, eFail, FailAt, ePass, PassAt, fail.Trials, reason);
    }

    /// <summary>The model behind a gate's e-values, in words (docs/canary-statistics.md, "Clustered events").</summary>
    internal static string ModelText(DispersionEstimate? model) => model switch
    {
        null => "model interval (cluster-robust; the warm-up has not fixed the dispersion yet)",
        { Independent: true } m => $"model interval+request: warm-up dispersion {F(m.Dispersion)} (limit {F(m.Limit)}) from {m.Events} events in {m.Intervals} intervals",
        { } m when double.IsNaN(m.Dispersion) => $"model interval (cluster-robust): {m.Events} warm-up events, all on one track or in one interval: no dispersion estimate, so no claim of independence",
        { Events: < DispersionEstimate.MinEvents } m => $"model interval (cluster-robust): {m.Events} warm-up events, too few (< {DispersionEstimate.MinEvents}) to vouch for independence; dispersion {F(m.Dispersion)}",
        var m => $"model interval (cluster-robust): warm-up dispersion {F(m.Dispersion)} above the limit {F(m.Limit)} (from {m.Events} events in {m.Intervals} intervals): events come in clusters",
    };

    private static string TemperText(GateEvidence pass) =>
        pass.Temper is { } t ? $"; pass side also weighs Poisson evidence tempered by the cluster index {F(t)} (valid for clusters whose size index is at most that)" : "";

    private static double RateRatio(long canaryErrors, long canaryRequests, long baselineErrors, long baselineRequests) =>
        canaryRequests == 0 || baselineRequests == 0 || baselineErrors == 0
            ? double.NaN
            : ((double)canaryErrors / canaryRequests) / ((double)baselineErrors / baselineRequests);

    private static double P95Ms(LatencyBucket[]? histogram) =>
        histogram is null ? double.NaN : LatencyHistogram.Quantile(histogram, 0.95) * 1000;

    private static string Pct(long errors, long requests) =>
        requests == 0 ? "n/a" : ((double)errors / requests * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";

    /// <summary>An e-value for people: plain up to 10 000, then scientific with two significant digits (4.2e+37).</summary>
    internal static string E(double value) =>
        double.IsNaN(value) ? "n/a"
        : double.IsPositiveInfinity(value) ? "∞"
        : Math.Abs(value) < 1e4 ? value.ToString("0.###", CultureInfo.InvariantCulture)
        : value.ToString("0.0e+00", CultureInfo.InvariantCulture);

    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string F(double? value) => value is { } v ? F(v) : "n/a";
}
