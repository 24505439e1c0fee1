namespace Lumen.Core.Policy;

/// <summary>A stage's service level objectives.</summary>
/// <param name="LatencyP95Ms">Objective for the 95th percentile latency, in milliseconds (&gt; 0).</param>
/// <param name="ErrorRate">Objective for the error ratio, in (0,1] (0.02 = 2 %).</param>
/// <param name="CoherenceMin">Coherence below this is a breach and brakes adjustments, in [0,1].</param>
public sealed record Slo(double LatencyP95Ms, double ErrorRate, double CoherenceMin);
