namespace Lumen.Core.Policy;

/// <summary>A relative gate: canary / baseline must stay at or under <see cref="MaxRatio"/> (≥ 1).</summary>
public readonly record struct RatioGate(double MaxRatio);
