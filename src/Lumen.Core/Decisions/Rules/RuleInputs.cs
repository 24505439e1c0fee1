using Lumen.Core.Policy;
using Lumen.Core.Rhythm;

namespace Lumen.Core.Decisions.Rules;

/// <summary>The coordinates of one service for one interval, as the rules see them. A coordinate that
/// is not known this interval is NaN: a rule that needs it neither advances nor clears (missing data
/// never causes an action, and never ends one either).</summary>
public sealed record RuleInputs(
    double Load,
    double LatencyPressure,
    double ErrorPressure,
    double Health,
    double Coherence,
    double RhythmStrength,
    double P95Ms,
    double ErrorRate,
    double Rps,
    PhaseLabel Phase)
{
    /// <summary>The value of one coordinate (NaN when unknown).</summary>
    public double Get(RuleCoordinate coordinate) => coordinate switch
    {
        RuleCoordinate.Load => Load,
        RuleCoordinate.LatencyPressure => LatencyPressure,
        RuleCoordinate.ErrorPressure => ErrorPressure,
        RuleCoordinate.Health => Health,
        RuleCoordinate.Coherence => Coherence,
        RuleCoordinate.RhythmStrength => RhythmStrength,
        RuleCoordinate.P95Ms => P95Ms,
        RuleCoordinate.ErrorRate => ErrorRate,
        RuleCoordinate.Rps => Rps,
        _ => double.NaN,
    };
}
