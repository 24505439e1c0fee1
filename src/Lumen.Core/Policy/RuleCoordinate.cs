namespace Lumen.Core.Policy;

/// <summary>What a rule condition may look at: rhythm coordinates (DESIGN.md §2.2) and raw SLIs.</summary>
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
