using System.Globalization;
using System.Text;

namespace Lumen.Soak;

/// <summary>
/// An hour of the demo service's metrics before the soak starts, as OpenMetrics text for
/// <c>promtool tsdb create-blocks-from openmetrics</c>, so the loop's mapper (rhythm period 1 h: it
/// needs half an hour) is ready from its first tick and the loop acts at once: per track,
/// <c>http_requests_received_total</c>, <c>http_requests_errors_total</c> (1 %) and the
/// <c>http_request_duration_seconds</c> histogram, rps = 20 × (1 + 0.6 sin(2πt/1h)).
/// </summary>
internal static class SoakHistory
{
    private static readonly (string Le, double Share)[] Buckets =
    [
        ("0.005", 0.05), ("0.01", 0.15), ("0.025", 0.40), ("0.05", 0.70), ("0.075", 0.85), ("0.1", 0.92), ("0.25", 0.97),
        ("0.5", 0.99), ("0.75", 0.995), ("1.0", 0.998), ("2.5", 1.0), ("5.0", 1.0), ("7.5", 1.0), ("10.0", 1.0), ("+Inf", 1.0),
    ];

    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    public static string Text(DateTimeOffset end)
    {
        var step = TimeSpan.FromSeconds(2); // the 10 s rate() window needs several points
        var times = new List<long>();
        for (var t = end - Period; t <= end; t += step)
        {
            times.Add(t.ToUnixTimeSeconds());
        }

        var cumulative = new double[times.Count];
        for (var i = 1; i < times.Count; i++)
        {
            var mid = (times[i] + times[i - 1]) / 2.0;
            var rps = 20 * (1 + (0.6 * Math.Sin(2 * Math.PI * mid / Period.TotalSeconds)));
            cumulative[i] = cumulative[i - 1] + (rps * (times[i] - times[i - 1]));
        }

        var series = new[] { "baseline", "canary" }.Select(t => $"service=\"checkout\",track=\"{t}\",job=\"history\",instance=\"history\"").ToList();
        var w = new StringBuilder();
        w.Append("# TYPE http_requests_received counter\n");
        foreach (var labels in series)
        {
            for (var i = 0; i < times.Count; i++)
            {
                w.Append(CultureInfo.InvariantCulture, $"http_requests_received_total{{{labels}}} {Math.Floor(cumulative[i])} {times[i]}\n");
            }
        }

        w.Append("# TYPE http_requests_errors counter\n");
        foreach (var labels in series)
        {
            for (var i = 0; i < times.Count; i++)
            {
                w.Append(CultureInfo.InvariantCulture, $"http_requests_errors_total{{{labels}}} {Math.Floor(cumulative[i] * 0.01)} {times[i]}\n");
            }
        }

        w.Append("# TYPE http_request_duration_seconds histogram\n");
        foreach (var labels in series)
        {
            for (var i = 0; i < times.Count; i++)
            {
                var n = Math.Floor(cumulative[i]);
                foreach (var (le, share) in Buckets)
                {
                    w.Append(CultureInfo.InvariantCulture, $"http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {Math.Floor(n * share)} {times[i]}\n");
                }

                w.Append(CultureInfo.InvariantCulture, $"http_request_duration_seconds_count{{{labels}}} {n} {times[i]}\n");
                w.Append(CultureInfo.InvariantCulture, $"http_request_duration_seconds_sum{{{labels}}} {(n * 0.04).ToString("0.###", CultureInfo.InvariantCulture)} {times[i]}\n");
            }
        }

        w.Append("# EOF\n");
        return w.ToString();
    }
}
