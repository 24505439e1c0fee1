namespace Lumen.Core.Rhythm;

/// <summary>One point of a mapped series (what <c>lumen map</c> prints per line).</summary>
/// <param name="Timestamp">The point's timestamp.</param>
/// <param name="Rps">The rps as given (NaN when it was missing).</param>
/// <param name="Load">Rps / high-water mark; null when the rps is not usable.</param>
/// <param name="Phase">Phase ∈ [0, 2π) (0 = fitted peak); null when the rhythm is weak. Defined by time, so a point with missing rps still has one.</param>
/// <param name="Label">The phase label.</param>
public readonly record struct RhythmPoint(
    DateTimeOffset Timestamp,
    double Rps,
    double? Load,
    double? Phase,
    PhaseLabel Label);
