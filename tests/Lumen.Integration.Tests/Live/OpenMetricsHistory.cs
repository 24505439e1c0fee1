using System.Globalization;
using System.Text;

namespace Lumen.Integration.Tests.Live;

/// <summary>
/// Writes the demo service's metrics over a past span as OpenMetrics text for
/// <c>promtool tsdb create-blocks-from openmetrics</c>: per (service, track), the counters
/// <c>http_requests_received_total</c> and <c>http_requests_errors_total</c> and the histogram
/// <c>http_request_duration_seconds</c> (the demo's buckets), so the SLI templates of
/// config/services.yaml read a daily rhythm of traffic (rps = base × (1 + 0.6 sin(2πt/24h))),
/// 1 % errors and a fixed latency distribution from them.
/// </summary>
internal static class OpenMetricsHistory
{
    /// <summary>The demo service's bucket bounds (DemoMetrics.DefaultBuckets) and the share of requests at or below each.</summary>
    private static readonly (string Le, double Share)[] Buckets =
    [
        ("0.005", 0.05), ("0.01", 0.15), ("0.025", 0.40), ("0.05", 0.70), ("0.075", 0.85), ("0.1", 0.92), ("0.25", 0.97),
        ("0.5", 0.99), ("0.75", 0.995), ("1.0", 0.998), ("2.5", 1.0), ("5.0", 1.0), ("7.5", 1.0), ("10.0", 1.0), ("+Inf", 1.0),
    ];

    public static void Write(TextWriter w, IReadOnlyList<string> services, IReadOnlyList<string> tracks, DateTimeOffset end, TimeSpan span,
        TimeSpan step, double baseRps = 20)
    {
        var start = end - span;
        var times = new List<long>();
        for (var t = start; t <= end; t += step)
        {
            times.Add(t.ToUnixTimeSeconds());
        }

        var day = TimeSpan.FromHours(24).TotalSeconds;
        // Cumulative requests at each time: the integral of the rhythm, summed step by step.
        var cumulative = new double[times.Count];
        for (var i = 1; i < times.Count; i++)
        {
            var mid = (times[i] + times[i - 1]) / 2.0;
            var rps = baseRps * (1 + (0.6 * Math.Sin(2 * Math.PI * mid / day)));
            cumulative[i] = cumulative[i - 1] + (rps * (times[i] - times[i - 1]));
        }

        var series = services.SelectMany(s => tracks.Select(t => $"service=\"{s}\",track=\"{t}\",job=\"history\",instance=\"history\"")).ToList();
        w.Write("# TYPE http_requests_received counter\n");
        foreach (var labels in series)
        {
            for (var i = 0; i < times.Count; i++)
            {
                w.Write(FormattableString.Invariant($"http_requests_received_total{{{labels}}} {Math.Floor(cumulative[i])} {times[i]}\n"));
            }
        }

        w.Write("# TYPE http_requests_errors counter\n");
        foreach (var labels in series)
        {
            for (var i = 0; i < times.Count; i++)
            {
                w.Write(FormattableString.Invariant($"http_requests_errors_total{{{labels}}} {Math.Floor(cumulative[i] * 0.01)} {times[i]}\n"));
            }
        }

        w.Write("# TYPE http_request_duration_seconds histogram\n");
        foreach (var labels in series)
        {
            for (var i = 0; i < times.Count; i++)
            {
                var n = Math.Floor(cumulative[i]);
                foreach (var (le, share) in Buckets)
                {
                    w.Write(FormattableString.Invariant($"http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {Math.Floor(n * share)} {times[i]}\n"));
                }

                w.Write(FormattableString.Invariant($"http_request_duration_seconds_count{{{labels}}} {n} {times[i]}\n"));
                w.Write(FormattableString.Invariant($"http_request_duration_seconds_sum{{{labels}}} {(n * 0.04).ToString("0.###", CultureInfo.InvariantCulture)} {times[i]}\n"));
            }
        }

        w.Write("# EOF\n");
    }

    public static string Text(IReadOnlyList<string> services, IReadOnlyList<string> tracks, DateTimeOffset end, TimeSpan span, TimeSpan step)
    {
        var sb = new StringBuilder();
        using var w = new StringWriter(sb, CultureInfo.InvariantCulture);
        Write(w, services, tracks, end, span, step);
        return sb.ToString();
    }
}
