using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Simulator.Model;

/// <summary>The noise-free SLIs of one instance at one arrival rate and knob setting.</summary>
/// <param name="P95Ms">95th percentile of the response time, capped at the timeout.</param>
/// <param name="ErrorRate">Share of requests that fail: base errors, timeouts, shed load, regression, out-of-memory restarts.</param>
/// <param name="Utilization">Offered load per worker, ρ = λ / (c·μ), retries included; at or beyond the knee means saturated.</param>
/// <param name="HitRatio">Cache hit ratio (of the cache as filled, not as configured).</param>
public readonly record struct SliExpectation(double P95Ms, double ErrorRate, double Utilization, double HitRatio)
{
    /// <summary>The utilization at which this instance saturates (its knee).</summary>
    public double KneeUtilization { get; init; } = ServiceModel.SaturationUtilization;

    /// <summary>Requests per second the instance receives, clients' retries included.</summary>
    public double AttemptRps { get; init; }

    /// <summary>Whether a retry storm holds the instance past its knee.</summary>
    public bool Storm { get; init; }

    /// <summary>Share of the interval the instance spent restarting after out-of-memory kills.</summary>
    public double DownShare { get; init; }

    public bool Saturated => Utilization >= KneeUtilization;

    /// <summary>
    /// The ground-truth health of these noise-free SLIs: the core's formula (<see cref="Health.Of"/>,
    /// docs/rhythm.md) applied to the model's expectation instead of a measurement. The model's p95 and
    /// error rate are always finite and ≥ 0, so the health is always known.
    /// </summary>
    public double TrueHealth(SloObjectives slo) =>
        Health.Of(new SliSample(default, P95Ms, ErrorRate, double.NaN), slo)
        ?? throw new InvalidOperationException($"the model produced unusable SLIs (p95 {P95Ms} ms, error rate {ErrorRate})");
}
