using Lumen.Core.Rhythm;

namespace Lumen.Core.Canary;

/// <summary>One interval of one service: the baseline's and the canary's record for the same timestamp.</summary>
public sealed record CanaryInterval(DateTimeOffset Timestamp, IntervalRecord Baseline, IntervalRecord Canary)
{
    /// <summary>The canary's phase label, else the baseline's, else <see cref="PhaseLabel.Unknown"/>.</summary>
    public PhaseLabel Phase => Canary.Phase ?? Baseline.Phase ?? PhaseLabel.Unknown;

    /// <summary>False when both records carry a phase label and the labels differ.</summary>
    public bool PhasesAgree => Baseline.Phase is null || Canary.Phase is null || Baseline.Phase == Canary.Phase;
}
