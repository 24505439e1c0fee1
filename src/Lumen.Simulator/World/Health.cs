using Lumen.Core.Sli;

namespace Lumen.Simulator.World;

/// <summary>Health of one interval (docs/rhythm.md): min over SLIs of min(1, objective / observed).</summary>
public static class Health
{
    public static double Of(double p95Ms, double errorRate, SloObjectives slo) =>
        Math.Min(Ratio(slo.P95Ms, p95Ms), Ratio(slo.ErrorRate, errorRate));

    private static double Ratio(double objective, double observed) =>
        observed <= objective ? 1.0 : objective / observed;
}
