namespace Lumen.Adapters.Prometheus;

/// <summary>
/// The two range queries of an export, evaluated at every step boundary: <c>increase(…[step])</c> is
/// the count in the step that ends there, so consecutive points tile the window without overlap.
/// </summary>
internal static class IntervalExportQueries
{
    /// <summary>Cumulative latency counts per bucket: one series per (service, track, le).</summary>
    public static string Latency(IntervalExportOptions options) =>
        $"sum by (service, track, le) (increase({options.LatencyMetric}_bucket{Selector(options)}[{options.StepText}]))";

    /// <summary>Failed requests: one series per (service, track).</summary>
    public static string Errors(IntervalExportOptions options) =>
        $"sum by (service, track) (increase({options.ErrorsMetric}{Selector(options)}[{options.StepText}]))";

    private static string Selector(IntervalExportOptions options) =>
        $$"""{service=~"{{SliQueryBuilder.Alternation(options.Services)}}", track=~"baseline|canary"}""";
}
