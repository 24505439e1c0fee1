using System.Collections.Immutable;

namespace Lumen.Core.Rhythm;

/// <summary>
/// Where a service stands now (docs/rhythm.md): the input of the rules, the bandit and the canary gates.
/// A null coordinate is unknown (e.g. no usable p95 in the history); it is never replaced by 0.
/// </summary>
/// <param name="Timestamp">The newest timestamp in the history: the "now" these coordinates describe.</param>
/// <param name="Rps">The newest usable rps.</param>
/// <param name="HighWaterRps">The high-water mark load divides by: p90 (by default) of the usable rps.</param>
/// <param name="Load">Rps / HighWaterRps, ≥ 0 (not clipped; the feature is).</param>
/// <param name="Phase">Phase ∈ [0, 2π) at <paramref name="Timestamp"/>, 0 = fitted peak; null when the rhythm is weak.</param>
/// <param name="Label">The phase label; <see cref="PhaseLabel.Unknown"/> when the rhythm is weak.</param>
/// <param name="Fit">The harmonic fit: strength, amplitude, peak.</param>
/// <param name="LatencyPressure">Newest usable p95 / SLO p95; null when none.</param>
/// <param name="ErrorPressure">Newest usable error rate / SLO error rate; null when none.</param>
/// <param name="Health">Health of the newest interval that has one; null when none.</param>
/// <param name="Coherence">Recency-weighted mean health; null when no interval has a health.</param>
/// <param name="KnobPositions">Each knob's position in [0, 1] between its bounds, in the order given.</param>
/// <param name="Features">The bandit's context vector x; layout in <see cref="FeatureLayout"/>.</param>
public sealed record RhythmCoordinates(
    DateTimeOffset Timestamp,
    double Rps,
    double HighWaterRps,
    double Load,
    double? Phase,
    PhaseLabel Label,
    RhythmFit Fit,
    double? LatencyPressure,
    double? ErrorPressure,
    double? Health,
    double? Coherence,
    ImmutableArray<double> KnobPositions,
    ImmutableArray<double> Features)
{
    /// <summary>rhythm_strength: R² of the harmonic fit.</summary>
    public double RhythmStrength => Fit.Strength;
}
