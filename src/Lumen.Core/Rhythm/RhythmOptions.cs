namespace Lumen.Core.Rhythm;

/// <summary>How the mapper reads a history. Every default is documented here and in docs/rhythm.md.</summary>
public sealed record RhythmOptions
{
    /// <summary>The default options.</summary>
    public static RhythmOptions Default { get; } = new();

    /// <summary>Length of the traffic cycle whose first harmonic is fitted. Default 24 h. At least 1 second.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Half-life of the recency weights of <c>coherence</c>: a health value this old counts half as much as
    /// the newest one. Default 30 minutes (60 intervals of a 30 s loop), so a brake sees a drop within minutes
    /// while one bad interval does not dominate. Must be positive.
    /// </summary>
    public TimeSpan CoherenceHalfLife { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Below this <c>rhythm_strength</c> (R² of the harmonic fit) the phase is <see cref="PhaseLabel.Unknown"/>
    /// and its features are zero. Default 0.3: on the NYC taxi trace (a strong daily rhythm, measured per
    /// 30 minutes) the fit explains 0.45 of the variance (0.33 to 0.67 week by week); a noisy 5-minute
    /// load-balancer count with only a faint daily shape explains 0.06. In [0, 1].
    /// </summary>
    public double RhythmStrengthThreshold { get; init; } = 0.3;

    /// <summary>Fewer points with a usable rps than this is "not enough history". Default 12. At least 4.</summary>
    public int MinValidPoints { get; init; } = 12;

    /// <summary>
    /// The usable rps points must span at least this fraction of <see cref="Period"/> (first to last
    /// timestamp), else "not enough history". Default 0.5: half a cycle, the least that fixes a peak.
    /// In (0, 100].
    /// </summary>
    public double MinCoverage { get; init; } = 0.5;

    /// <summary>The quantile of rps over the history that <c>load</c> divides by (the high-water mark). Default 0.9. In (0, 1].</summary>
    public double LoadQuantile { get; init; } = 0.9;

    /// <summary>The load feature is clipped to [0, LoadClip] so one spike cannot dominate the bandit. Default 2. Positive.</summary>
    public double LoadClip { get; init; } = 2.0;

    /// <summary>The pressure features are clipped to [0, PressureClip]: beyond 3× the objective is simply "far out". Default 3. Positive.</summary>
    public double PressureClip { get; init; } = 3.0;

    /// <summary>Every problem with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Period < TimeSpan.FromSeconds(1))
        {
            problems.Add($"period must be at least 1 second, got {Period}");
        }

        if (CoherenceHalfLife <= TimeSpan.Zero)
        {
            problems.Add($"coherence half-life must be positive, got {CoherenceHalfLife}");
        }

        if (!(RhythmStrengthThreshold >= 0 && RhythmStrengthThreshold <= 1))
        {
            problems.Add($"rhythm strength threshold must be in [0, 1], got {RhythmStrengthThreshold}");
        }

        if (MinValidPoints < 4)
        {
            problems.Add($"minimum valid points must be at least 4, got {MinValidPoints}");
        }

        if (!(MinCoverage > 0 && MinCoverage <= 100))
        {
            problems.Add($"minimum coverage must be in (0, 100] periods, got {MinCoverage}");
        }

        if (!(LoadQuantile > 0 && LoadQuantile <= 1))
        {
            problems.Add($"load quantile must be in (0, 1], got {LoadQuantile}");
        }

        if (!(LoadClip > 0 && double.IsFinite(LoadClip)))
        {
            problems.Add($"load clip must be a positive number, got {LoadClip}");
        }

        if (!(PressureClip > 0 && double.IsFinite(PressureClip)))
        {
            problems.Add($"pressure clip must be a positive number, got {PressureClip}");
        }

        return problems;
    }
}
