namespace Lumen.Simulator.Environments;

/// <summary>The objectives health is measured against (docs/rhythm.md).</summary>
/// <param name="LatencyP95Ms">p95 latency objective in milliseconds.</param>
/// <param name="ErrorRate">Error-rate objective (0..1).</param>
public sealed record SloObjectives(double LatencyP95Ms, double ErrorRate);
