namespace Lumen.Core.Canary;

/// <summary>
/// One gate's result with its evidence (docs/canary-statistics.md, "the report").
/// </summary>
/// <param name="Gate">e.g. <c>error_rate.relative</c>, <c>latency_p95.absolute</c>, <c>coherence</c>.</param>
/// <param name="Statistic">The estimate the gate is about (ratio, ms, error ratio, coherence), or null without data.</param>
/// <param name="Threshold">The limit the statistic is held to (allowed ratio, SLO, coherence_min).</param>
/// <param name="EFail">The e-value against "the canary is within the limit" (fail when ≥ <paramref name="FailAt"/>); null for measured gates.</param>
/// <param name="EPass">The e-value against "the canary breaks the limit" (pass when ≥ <paramref name="PassAt"/>); null for measured gates.</param>
/// <param name="Samples">Trials behind the e-values: events for relative gates, requests for absolute ones, intervals for measured ones.</param>
/// <param name="Reason">What the result means, in plain words.</param>
public sealed record CanaryGateResult(
    string Gate,
    CanaryOutcome Outcome,
    double? Statistic,
    double? Threshold,
    double? EFail,
    double? FailAt,
    double? EPass,
    double? PassAt,
    long Samples,
    string Reason);
