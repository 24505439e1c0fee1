namespace Lumen.Core.Decisions.Tuner;

/// <summary>
/// The value-level tuner's settings (docs/bandit.md, "The Lumen tuner"). Every default is the one
/// the benchmarks were run with; each is explained there.
/// </summary>
public sealed record TunerSettings
{
    /// <summary>Prior standard deviation of the score gap a configuration can make (log-margin units).</summary>
    public double SignalSd { get; init; } = 0.3;

    /// <summary>Kernel length scale over the knobs' normalised log positions ([0,1] between the bounds).</summary>
    public double KnobLengthScale { get; init; } = 0.15;

    /// <summary>Kernel length scale over the context (load, sin φ, cos φ).</summary>
    public double ContextLengthScale { get; init; } = 0.5;

    /// <summary>Variance added to every observation for what the kernel cannot express (model error).</summary>
    public double Nugget { get; init; } = 4e-4;

    /// <summary>The smallest noise variance a block's mean is given, whatever its own spread says.</summary>
    public double NoiseFloor { get; init; } = 1e-4;

    /// <summary>Observations the model keeps (the newest); older ones are forgotten, so the model follows a drifting service.</summary>
    public int Window { get; init; } = 64;

    /// <summary>β of the safe set: a candidate is tried only when mean − β·sd ≥ the incumbent's mean − <see cref="LossBudget"/>.</summary>
    public double SafetyBeta { get; init; } = 1.0;

    /// <summary>How much worse than the incumbent (log-margin units, ≈ relative health) a trial may pessimistically be.</summary>
    public double LossBudget { get; init; } = 0.1;

    /// <summary>A trial is kept when its posterior gain over the incumbent exceeds this many standard deviations.</summary>
    public double KeepZ { get; init; } = 1.0;

    /// <summary>… and exceeds this absolute gain (log-margin units).</summary>
    public double KeepMinGain { get; init; } = 0.01;

    /// <summary>Thompson draws per decision: the choice probabilities are the draws' votes.</summary>
    public int Draws { get; init; } = 32;

    /// <summary>Share of the choice probability spread evenly over the safe candidates (the logged propensity's floor).</summary>
    public double Floor { get; init; } = 0.1;

    /// <summary>A trial whose running mean gap falls below the incumbent's by more than this is ended early and restored.</summary>
    public double AbortGap { get; init; } = 0.5;

    /// <summary>Upper clip of a track's per-interval score (log margin): more margin than e^x is worth nothing more.</summary>
    public double ScoreCap { get; init; } = 1.4;

    /// <summary>Weight of the margin above the SLO (m &gt; 0) in the score; below the SLO it counts fully.</summary>
    public double MarginWeight { get; init; } = 0.1;

    /// <summary>Lower clip of a track's per-interval score.</summary>
    public double ScoreFloor { get; init; } = -3.0;

    /// <summary>The default settings.</summary>
    public static TunerSettings Default { get; } = new();
}
