using System.Collections.Immutable;
using System.Globalization;

namespace Lumen.Adapters.Prometheus;

/// <summary>What <see cref="IntervalRecordExporter"/> reads (docs/canary-records.md, "Export from Prometheus").</summary>
/// <param name="Services">The <c>service</c> label values to export; not empty.</param>
/// <param name="Since">Start of the window: the first record covers the first whole step after it.</param>
/// <param name="Until">End of the window: the last record ends at the last step boundary at or before it.</param>
/// <param name="Step">One interval (whole seconds, ≥ 1 s): the stage's <c>interval_seconds</c> by default.</param>
/// <param name="LatencyMetric">The histogram's base name; <c>_bucket</c> is appended. Default prometheus-net's <c>http_request_duration_seconds</c>.</param>
/// <param name="ErrorsMetric">The counter of failed requests. Default <c>http_requests_errors_total</c>.</param>
public sealed record IntervalExportOptions(
    ImmutableArray<string> Services,
    DateTimeOffset Since,
    DateTimeOffset Until,
    TimeSpan Step,
    string LatencyMetric = IntervalExportOptions.DefaultLatencyMetric,
    string ErrorsMetric = IntervalExportOptions.DefaultErrorsMetric)
{
    public const string DefaultLatencyMetric = "http_request_duration_seconds";

    /// <summary>Tracks told apart by another label than <c>track</c> (one service only); null = the <c>service</c> and <c>track</c> labels.</summary>
    public IntervalTrackSelector? Tracks { get; init; }

    /// <summary>What the histogram's <c>le</c> bounds are multiplied by to give seconds: 1, or 0.001 for a histogram in milliseconds (Istio, Envoy).</summary>
    public double LatencyScale { get; init; } = 1;

    public const string DefaultErrorsMetric = "http_requests_errors_total";

    /// <summary>Prometheus answers at most 11,000 points per series of a range query; stay under it.</summary>
    public const int MaxStepsPerQuery = 10_000;

    /// <summary>What is wrong with these options, or null.</summary>
    public string? Problem()
    {
        if (Services.IsDefaultOrEmpty || Services.Any(string.IsNullOrEmpty))
        {
            return "no service to export";
        }

        if (Step < TimeSpan.FromSeconds(1) || Step.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return $"the step must be a whole number of seconds ≥ 1, not {Step.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
        }

        if (Tracks is not null && Services.Length != 1)
        {
            return "a track selector exports exactly one service";
        }

        if (!(LatencyScale > 0) || double.IsInfinity(LatencyScale))
        {
            return "the latency scale must be a number > 0";
        }

        if (Until - Since < Step)
        {
            return $"the window {Time(Since)} .. {Time(Until)} is shorter than one step ({StepText})";
        }

        foreach (var (flag, name) in new[] { ("latency metric", LatencyMetric), ("errors metric", ErrorsMetric) })
        {
            if (!IsMetricName(name))
            {
                return $"the {flag} \"{name}\" is not a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)";
            }
        }

        return null;
    }

    /// <summary>The step as a PromQL duration, e.g. <c>30s</c>.</summary>
    public string StepText => ((long)Step.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";

    /// <summary>An instant as the export and its summaries print it: UTC, ISO 8601, milliseconds when present.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);

    private static bool IsMetricName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');
}
