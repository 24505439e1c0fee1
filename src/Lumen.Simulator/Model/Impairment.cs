namespace Lumen.Simulator.Model;

/// <summary>An injected regression as the model applies it: slower service, extra failures.</summary>
/// <param name="LatencyFactor">Multiplies every service time (≥ 1 for a regression).</param>
/// <param name="ExtraErrorRate">Probability that a request fails for the regression's own reasons.</param>
internal readonly record struct Impairment(double LatencyFactor, double ExtraErrorRate)
{
    public static Impairment None { get; } = new(1.0, 0.0);
}
