using System.Globalization;
using System.Text;

namespace Lumen.Integration.Tests.Rollouts;

/// <summary>
/// Canary and stable histories as OpenMetrics text for <c>promtool tsdb create-blocks-from openmetrics</c>:
/// per label set, <c>http_requests_received_total</c>, <c>http_requests_errors_total</c> and the histogram
/// <c>http_request_duration_seconds</c> at a constant rate, error share and latency distribution, so each
/// scenario's verdict is known in advance: identical tracks pass, ten times the errors fail, a trickle of
/// traffic stays undecided.
/// </summary>
internal static class RolloutHistory
{
    /// <summary>Upper bounds and the share of requests at or below each (p95 ≈ 0.1 s).</summary>
    private static readonly (string Le, double Share)[] Buckets =
    [
        ("0.01", 0.15), ("0.025", 0.40), ("0.05", 0.70), ("0.1", 0.95), ("0.25", 0.99), ("0.5", 0.998), ("1.0", 1.0), ("+Inf", 1.0),
    ];

    public sealed record Series(string Labels, double Rps, double ErrorShare);

    public static string Text(IReadOnlyList<Series> series, DateTimeOffset end, TimeSpan span, TimeSpan step, IReadOnlyList<Series>? istio = null)
    {
        var start = end - span;
        var times = new List<long>();
        for (var t = start; t <= end; t += step)
        {
            times.Add(t.ToUnixTimeSeconds());
        }

        var sb = new StringBuilder();
        sb.Append("# TYPE http_requests_received counter\n");
        foreach (var s in series)
        {
            for (var i = 0; i < times.Count; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"http_requests_received_total{{{s.Labels}}} {Count(s, times, i)} {times[i]}\n");
            }
        }

        sb.Append("# TYPE http_requests_errors counter\n");
        foreach (var s in series)
        {
            for (var i = 0; i < times.Count; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"http_requests_errors_total{{{s.Labels}}} {Math.Floor(Count(s, times, i) * s.ErrorShare)} {times[i]}\n");
            }
        }

        sb.Append("# TYPE http_request_duration_seconds histogram\n");
        foreach (var s in series)
        {
            for (var i = 0; i < times.Count; i++)
            {
                var n = Count(s, times, i);
                foreach (var (le, share) in Buckets)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"http_request_duration_seconds_bucket{{{s.Labels},le=\"{le}\"}} {Math.Floor(n * share)} {times[i]}\n");
                }

                sb.Append(CultureInfo.InvariantCulture, $"http_request_duration_seconds_count{{{s.Labels}}} {n} {times[i]}\n");
                sb.Append(CultureInfo.InvariantCulture, $"http_request_duration_seconds_sum{{{s.Labels}}} {(n * 0.04).ToString("0.###", CultureInfo.InvariantCulture)} {times[i]}\n");
            }
        }

        if (istio is { Count: > 0 })
        {
            Istio(sb, istio, times);
        }

        sb.Append("# EOF\n");
        return sb.ToString();
    }

    /// <summary>
    /// Istio's metrics: <c>istio_requests_total</c> counts every request by <c>response_code</c> (errors are the
    /// 5xx share), and the histogram <c>istio_request_duration_milliseconds</c> has its bounds in milliseconds.
    /// </summary>
    private static void Istio(StringBuilder sb, IReadOnlyList<Series> series, List<long> times)
    {
        sb.Append("# TYPE istio_requests counter\n");
        foreach (var s in series)
        {
            for (var i = 0; i < times.Count; i++)
            {
                var n = Count(s, times, i);
                var failed = Math.Floor(n * s.ErrorShare);
                sb.Append(CultureInfo.InvariantCulture, $"istio_requests_total{{{s.Labels},response_code=\"200\"}} {n - failed} {times[i]}\n");
                sb.Append(CultureInfo.InvariantCulture, $"istio_requests_total{{{s.Labels},response_code=\"503\"}} {failed} {times[i]}\n");
            }
        }

        sb.Append("# TYPE istio_request_duration_milliseconds histogram\n");
        foreach (var s in series)
        {
            for (var i = 0; i < times.Count; i++)
            {
                var n = Count(s, times, i);
                foreach (var (le, share) in Buckets)
                {
                    var ms = le == "+Inf" ? le : (double.Parse(le, CultureInfo.InvariantCulture) * 1000).ToString(CultureInfo.InvariantCulture);
                    sb.Append(CultureInfo.InvariantCulture, $"istio_request_duration_milliseconds_bucket{{{s.Labels},le=\"{ms}\"}} {Math.Floor(n * share)} {times[i]}\n");
                }

                sb.Append(CultureInfo.InvariantCulture, $"istio_request_duration_milliseconds_count{{{s.Labels}}} {n} {times[i]}\n");
                sb.Append(CultureInfo.InvariantCulture, $"istio_request_duration_milliseconds_sum{{{s.Labels}}} {(n * 40).ToString("0.###", CultureInfo.InvariantCulture)} {times[i]}\n");
            }
        }
    }

    private static double Count(Series s, List<long> times, int i) => Math.Floor(s.Rps * (times[i] - times[0]));
}
