namespace Lumen.Adapters.Loki;

/// <summary>
/// A log-derived SLI: a LogQL metric query template with <c>$service</c>, <c>$track</c> and <c>$window</c>
/// (like the PromQL templates), which must return one series per (service, track).
/// </summary>
/// <param name="Sli">The name the readings carry, e.g. <c>error_lines_per_second</c>.</param>
/// <param name="Template">LogQL; keep <c>sum by (service, track)</c> and the <c>=~"$service"</c> matchers.</param>
/// <param name="Window">Replaces <c>$window</c>, a LogQL duration such as <c>5m</c>.</param>
public sealed record LokiSliQuery(string Sli, string Template, string Window)
{
    /// <summary>Error lines per second: lines containing "error" in the streams labelled with the service and track.</summary>
    public static LokiSliQuery ErrorLines(string window = "5m") => new(
        "error_lines_per_second",
        """sum by (service, track) (rate({service=~"$service", track=~"$track"} |= "error" [$window]))""",
        window);
}
