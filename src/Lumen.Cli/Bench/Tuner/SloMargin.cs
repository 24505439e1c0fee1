using Lumen.Core.Sli;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>
/// The continuous SLO margin of one interval: min(ln(p95 objective ÷ p95), ln(error objective ÷
/// error rate)) of the noise-free SLIs, clipped to ±<see cref="Clip"/>. Positive inside the SLO
/// (ln 2 ≈ 0.69: half the objective), negative outside; unlike violation minutes it keeps moving
/// when a service is comfortably inside or hopelessly outside its objective.
/// </summary>
internal static class SloMargin
{
    /// <summary>|margin| ≤ 1: a factor of e either way; an error rate of 0 counts as +1.</summary>
    public const double Clip = 1.0;

    public static double Of(double p95Ms, double errorRate, SloObjectives slo)
    {
        var margin = Math.Min(Ln(slo.P95Ms, p95Ms), Ln(slo.ErrorRate, errorRate));
        return Math.Clamp(margin, -Clip, Clip);
    }

    private static double Ln(double objective, double observed) =>
        observed <= 0 ? Clip : Math.Log(objective / observed);
}
