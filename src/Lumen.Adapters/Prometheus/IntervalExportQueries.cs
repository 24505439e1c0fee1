namespace Lumen.Adapters.Prometheus;

/// <summary>
/// The two range queries of an export, evaluated at every step boundary: <c>increase(…[step])</c> is
/// the count in the step that ends there, so consecutive points tile the window without overlap.
/// </summary>
internal static class IntervalExportQueries
{
    /// <summary>Cumulative latency counts per bucket: one series per (service, track, le).</summary>
    public static string Latency(IntervalExportOptions options) =>
        $"sum by (service, track, le) ({Labelled(options, $"increase({options.LatencyMetric}_bucket{Selector(options)}[{options.StepText}])")})";

    /// <summary>Failed requests: one series per (service, track).</summary>
    public static string Errors(IntervalExportOptions options) =>
        $"sum by (service, track) ({Labelled(options, $"increase({options.ErrorsMetric}{Selector(options, errors: true)}[{options.StepText}])")})";

    private static string Selector(IntervalExportOptions options, bool errors = false) =>
        options.Tracks is { } t
            ? $$"""{{{t.Label}}=~"{{SliQueryBuilder.Alternation([t.Baseline, t.Canary])}}"{{(t.Selector is { Length: > 0 } s ? ", " + s : "")}}{{(errors && t.ErrorsSelector is { Length: > 0 } e ? ", " + e : "")}}}"""
            : $$"""{service=~"{{SliQueryBuilder.Alternation(options.Services)}}", track=~"baseline|canary"}""";

    /// <summary>With a track selector: label_replace sets <c>track</c> from the selector's label and <c>service</c> to the one exported service.</summary>
    private static string Labelled(IntervalExportOptions options, string inner)
    {
        if (options.Tracks is not { } t)
        {
            return inner;
        }

        var service = options.Services[0].Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("$", "$$", StringComparison.Ordinal);
        var baseline = $"label_replace({inner}, \"track\", \"baseline\", \"{t.Label}\", \"{SliQueryBuilder.Alternation([t.Baseline])}\")";
        var both = $"label_replace({baseline}, \"track\", \"canary\", \"{t.Label}\", \"{SliQueryBuilder.Alternation([t.Canary])}\")";
        return $"label_replace({both}, \"service\", \"{service}\", \"service\", \".*\")";
    }
}
