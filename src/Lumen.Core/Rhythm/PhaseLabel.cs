namespace Lumen.Core.Rhythm;

/// <summary>
/// Where a point sits in the traffic cycle, for people and canary gates (docs/rhythm.md).
/// Phase 0 is the fitted peak and the phase grows with time, so after the peak comes
/// <see cref="Falling"/>, then <see cref="Trough"/> (phase π), then <see cref="Rising"/>.
/// </summary>
public enum PhaseLabel
{
    /// <summary>The rhythm is too weak (strength under the threshold) to tell; the phase is not invented.</summary>
    Unknown,

    /// <summary>|phase| &lt; π/4: within an eighth of a period of the fitted peak.</summary>
    Peak,

    /// <summary>π/4 ≤ phase ≤ 3π/4: after the peak, on the way down.</summary>
    Falling,

    /// <summary>|phase − π| &lt; π/4: within an eighth of a period of the fitted trough.</summary>
    Trough,

    /// <summary>5π/4 ≤ phase ≤ 7π/4: after the trough, on the way up.</summary>
    Rising,
}
