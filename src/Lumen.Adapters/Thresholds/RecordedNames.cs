namespace Lumen.Adapters.Thresholds;

/// <summary>
/// The names of the generated recording rules (level:metric:operation, as the Prometheus docs
/// recommend). Each series carries <c>service</c>, <c>track</c> and <c>stage</c>.
/// </summary>
internal static class RecordedNames
{
    /// <summary>p95 latency in seconds over the service's own SLI window.</summary>
    public const string LatencyP95Window = "service_track:lumen_sli_latency_p95_seconds:window";

    /// <summary>Error ratio over the service's own SLI window.</summary>
    public const string ErrorRatioWindow = "service_track:lumen_sli_error_ratio:window";

    /// <summary>Error ratio over a burn-rate window such as <c>1h</c>.</summary>
    public static string ErrorRatio(string window) => "service_track:lumen_sli_error_ratio:rate" + window;
}
