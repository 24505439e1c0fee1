namespace Lumen.Core.Sli;

/// <summary>A service's SLO objectives for one stage: the values health and pressures are measured against.</summary>
/// <param name="P95Ms">Latency objective: the p95 in milliseconds must stay at or under it. Must be &gt; 0.</param>
/// <param name="ErrorRate">Error-rate objective (0..1): the share of failed requests must stay at or under it. Must be &gt; 0.</param>
public readonly record struct SloObjectives(double P95Ms, double ErrorRate)
{
    /// <summary>Why these objectives are unusable, or null when they are fine.</summary>
    public string? Problem =>
        !(double.IsFinite(P95Ms) && P95Ms > 0) ? $"SLO p95 must be a positive number of milliseconds, got {P95Ms}"
        : !(double.IsFinite(ErrorRate) && ErrorRate > 0 && ErrorRate <= 1) ? $"SLO error rate must be in (0, 1], got {ErrorRate}"
        : null;
}
