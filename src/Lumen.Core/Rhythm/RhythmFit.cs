namespace Lumen.Core.Rhythm;

/// <summary>
/// The first harmonic fitted to rps by least squares: rps(t) ≈ Mean + Amplitude·cos(θ(t) − PeakAngle),
/// where θ(t) = <see cref="CyclePhase.Angle"/> (the position of t in the cycle, from a UTC origin).
/// </summary>
/// <param name="Period">The cycle length the harmonic was fitted for (given, not estimated).</param>
/// <param name="Mean">The fitted level a.</param>
/// <param name="Amplitude">√(b² + c²): half the fitted peak-to-trough swing, in rps.</param>
/// <param name="PeakAngle">atan2(c, b) ∈ [0, 2π): the cycle angle θ of the fitted peak.</param>
/// <param name="Strength">R² of the fit ∈ [0, 1]: the share of rps variance the harmonic explains (rhythm_strength).</param>
/// <param name="HasRhythm">Strength ≥ the options' threshold: only then is a phase reported.</param>
/// <param name="ValidPoints">How many points had a usable rps.</param>
/// <param name="Covered">Time from the first to the last usable point.</param>
public sealed record RhythmFit(
    TimeSpan Period,
    double Mean,
    double Amplitude,
    double PeakAngle,
    double Strength,
    bool HasRhythm,
    int ValidPoints,
    TimeSpan Covered)
{
    /// <summary>
    /// The phase of <paramref name="timestamp"/> ∈ [0, 2π): θ(t) − θ_peak, wrapped; 0 at the fitted peak.
    /// Computed even for a weak rhythm (use <see cref="PhaseOrNull"/> to respect the threshold).
    /// </summary>
    public double PhaseAt(DateTimeOffset timestamp) =>
        CyclePhase.Wrap(CyclePhase.Angle(timestamp, Period) - PeakAngle);

    /// <summary>The phase when the rhythm is strong enough, else null: a weak rhythm's phase is not invented.</summary>
    public double? PhaseOrNull(DateTimeOffset timestamp) => HasRhythm ? PhaseAt(timestamp) : null;

    /// <summary>The label of <paramref name="timestamp"/>; <see cref="PhaseLabel.Unknown"/> when the rhythm is weak.</summary>
    public PhaseLabel LabelAt(DateTimeOffset timestamp) =>
        HasRhythm ? CyclePhase.Label(PhaseAt(timestamp)) : PhaseLabel.Unknown;

    /// <summary>The fitted rps at <paramref name="timestamp"/>.</summary>
    public double Predict(DateTimeOffset timestamp) =>
        Mean + (Amplitude * Math.Cos(CyclePhase.Angle(timestamp, Period) - PeakAngle));

    /// <summary>
    /// Where the peak falls within the period on a clock at <paramref name="utcOffset"/>, in [0, Period):
    /// for a 24 h period the peak's time of day (17:13 on the NYC taxi trace); for 7 d the time since Monday 00:00.
    /// </summary>
    public TimeSpan PeakWithinPeriod(TimeSpan utcOffset)
    {
        long periodTicks = Period.Ticks;
        long peakTicks = (long)Math.Round(PeakAngle / CyclePhase.TwoPi * periodTicks);
        long local = (peakTicks + (utcOffset.Ticks % periodTicks) + periodTicks) % periodTicks;
        return TimeSpan.FromTicks(local);
    }

    /// <summary>Where the trough falls within the period (half a period after the peak).</summary>
    public TimeSpan TroughWithinPeriod(TimeSpan utcOffset) =>
        TimeSpan.FromTicks((PeakWithinPeriod(utcOffset).Ticks + (Period.Ticks / 2)) % Period.Ticks);
}
