namespace Lumen.Core.Policy;

/// <summary>A tunable knob of a service.</summary>
/// <param name="Step">The size of one increase/decrease arm (&gt; 0).</param>
/// <param name="Integer">Values are whole numbers (rounded after every step and clamp).</param>
/// <param name="SettleSeconds">Wait this long after a change before judging it.</param>
/// <param name="CostWeight">Reward cost per unit of change (≥ 0).</param>
public sealed record KnobSpec(
    string Name,
    double Min,
    double Max,
    double Default,
    double Step,
    bool Integer,
    int SettleSeconds,
    double CostWeight)
{
    public TimeSpan Settle => TimeSpan.FromSeconds(SettleSeconds);

    /// <summary>The position of <paramref name="value"/> between the bounds, in [0,1].</summary>
    public double Normalise(double value) =>
        Max > Min ? Math.Clamp((value - Min) / (Max - Min), 0.0, 1.0) : 0.0;
}
