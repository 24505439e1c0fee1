namespace Lumen.Reports.Digest;

/// <summary>One track's SLIs in one observation; null values were not read (status is not ok).</summary>
public readonly record struct TrackSli(double? P95Ms, double? ErrorRate, double? Rps, string Status)
{
    public static TrackSli None { get; } = new(null, null, null, "missing");

    public bool IsOk => Status == "ok" && P95Ms is not null && ErrorRate is not null;

    /// <summary>
    /// Health against the SLO (docs/rhythm.md): min(1, slo_p95 / p95, slo_err / err); null when not read.
    /// </summary>
    public double? Health(SloLine slo)
    {
        if (!IsOk)
        {
            return null;
        }

        var latency = P95Ms!.Value <= 0 ? 1 : Math.Min(1, slo.LatencyP95Ms / P95Ms.Value);
        var errors = ErrorRate!.Value <= 0 ? 1 : Math.Min(1, slo.ErrorRate / ErrorRate.Value);
        return Math.Min(latency, errors);
    }

    /// <summary>True when both SLIs meet the SLO; null when not read.</summary>
    public bool? MeetsSlo(SloLine slo) => IsOk ? P95Ms <= slo.LatencyP95Ms && ErrorRate <= slo.ErrorRate : null;
}
