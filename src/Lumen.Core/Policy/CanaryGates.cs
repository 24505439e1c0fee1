namespace Lumen.Core.Policy;

/// <summary>The relative gates of a canary check (the absolute part is the stage's SLO).</summary>
/// <param name="LatencyP95">Canary p95 may exceed the baseline's by at most this ratio.</param>
/// <param name="ErrorRate">Canary error rate may exceed the baseline's by at most this ratio.</param>
/// <param name="CoherenceEnabled">Canary coherence must be at least the stage's <c>coherence_min</c>.</param>
public sealed record CanaryGates(RatioGate LatencyP95, RatioGate ErrorRate, bool CoherenceEnabled);
