namespace Lumen.Core.Decisions.Tuner;

/// <summary>
/// The verdict on a measured trial: the posterior gain of the trial over the incumbent at the
/// block's context after learning the block (mean and standard deviation), and whether it is kept.
/// </summary>
public sealed record TrialJudgement(double Gain, double GainSd, bool Keep)
{
    /// <summary>The posterior probability that the trial is better than the incumbent.</summary>
    public double ProbabilityBetter => GainSd > 0 ? NormalCdf(Gain / GainSd) : Gain > 0 ? 1 : 0;

    private static double NormalCdf(double z) => 0.5 * (1 + Erf(z / Math.Sqrt(2)));

    // Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): plenty for a probability printed to 3 digits.
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + (0.3275911 * x));
        var poly = ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t;
        var y = 1 - (poly * Math.Exp(-x * x));
        return sign * y;
    }
}
