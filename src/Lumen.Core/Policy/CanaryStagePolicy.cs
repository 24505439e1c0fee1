using System.Collections.Immutable;
using Lumen.Core.Rhythm;

namespace Lumen.Core.Policy;

/// <summary>When a canary's configuration may become the baseline on one stage.</summary>
/// <param name="Confidence">In (0,1): the false-fail rate is held at or under 1 − confidence.</param>
/// <param name="MinSamples">Requests per track before any decision.</param>
/// <param name="MinIntervals">Intervals before any decision.</param>
/// <param name="MaxIntervals">No decision by then: inconclusive (and the canary is rolled back).</param>
/// <param name="SamePhase">Compare baseline and canary only within one phase label.</param>
/// <param name="AllowedPhases">Phases in which a promotion may happen.</param>
/// <param name="WatchMinutes">After a promotion with SAFE_APPLY=1, watch this long and roll back on a breach.</param>
public sealed record CanaryStagePolicy(
    string Stage,
    double Confidence,
    long MinSamples,
    int MinIntervals,
    int MaxIntervals,
    bool SamePhase,
    ImmutableArray<PhaseLabel> AllowedPhases,
    CanaryGates Gates,
    int WatchMinutes)
{
    /// <summary>
    /// <c>independent_events: true</c>: the operator asserts that errors and slow requests are
    /// independent, so the request-level evidence joins the interval-level one whatever the warm-up
    /// estimates (the assumption of judge version 1; docs/canary-statistics.md, "Clustered events").
    /// Default false: the warm-up decides.
    /// </summary>
    public bool IndependentEvents { get; init; }
}
