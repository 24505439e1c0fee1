namespace Lumen.Core.Policy;

/// <summary>What a rule condition may look at: rhythm coordinates (docs/rhythm.md) and raw SLIs.</summary>
public enum RuleCoordinate
{
    Load,
    LatencyPressure,
    ErrorPressure,
    Health,
    Coherence,
    RhythmStrength,
    P95Ms,
    ErrorRate,
    Rps,
}
