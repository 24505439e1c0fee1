namespace Lumen.Simulator.Model;

/// <summary>The noise-free SLIs of one instance at one arrival rate and knob setting.</summary>
/// <param name="P95Ms">95th percentile of the response time, capped at the timeout.</param>
/// <param name="ErrorRate">Share of requests that fail: base errors, timeouts, shed load, regression.</param>
/// <param name="Utilization">Offered load per worker, ρ = λ / (c·μ); ≥ 1 means saturated.</param>
/// <param name="HitRatio">Cache hit ratio.</param>
public readonly record struct SliExpectation(double P95Ms, double ErrorRate, double Utilization, double HitRatio)
{
    public bool Saturated => Utilization >= ServiceModel.SaturationUtilization;
}
