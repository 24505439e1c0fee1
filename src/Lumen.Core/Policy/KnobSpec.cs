namespace Lumen.Core.Policy;

/// <summary>A tunable knob of a service.</summary>
/// <param name="Step">The size of one increase/decrease arm (&gt; 0).</param>
/// <param name="Integer">Values are whole numbers (rounded after every step and clamp).</param>
/// <param name="SettleSeconds">Wait this long after a change before judging it.</param>
/// <param name="CostWeight">Reward cost per unit of change (≥ 0).</param>
/// <param name="MeasureSeconds">How long the value-level tuner measures a trial of this knob once it has settled (≥ 30; default 300).</param>
public sealed record KnobSpec(
    string Name,
    double Min,
    double Max,
    double Default,
    double Step,
    bool Integer,
    int SettleSeconds,
    double CostWeight,
    int MeasureSeconds = KnobSpec.DefaultMeasureSeconds)
{
    /// <summary>The measurement period of a trial when the knob does not set one.</summary>
    public const int DefaultMeasureSeconds = 300;

    public TimeSpan Settle => TimeSpan.FromSeconds(SettleSeconds);

    public TimeSpan Measure => TimeSpan.FromSeconds(MeasureSeconds);

    /// <summary>The position of <paramref name="value"/> between the bounds, in [0,1].</summary>
    public double Normalise(double value) =>
        Max > Min ? Math.Clamp((value - Min) / (Max - Min), 0.0, 1.0) : 0.0;
}
