using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lumen.Adapters.Prometheus;

namespace Lumen.Cli.Health;

/// <summary>
/// Tells "metric never seen" from "no traffic" for <c>lumen health</c>: asks Prometheus'
/// <c>/api/v1/series</c> whether the metrics a template reads have any series for the service over a
/// look-back much longer than the SLI window. No series at all means the metric name, a label or the
/// scrape is wrong; series without a value in the window means the service is quiet.
/// </summary>
internal static partial class SeriesProbe
{
    /// <summary>The metric names a PromQL template selects (<c>name{...}</c>).</summary>
    public static IReadOnlyList<string> MetricNames(string template) =>
        [.. Selector().Matches(template).Select(m => m.Groups[1].Value).Where(n => n is not "by" and not "without" and not "on" and not "ignoring").Distinct(StringComparer.Ordinal)];

    /// <summary>The names among <paramref name="metrics"/> with no series labelled <c>service</c> in the look-back, or null when Prometheus could not say.</summary>
    public static async Task<IReadOnlyList<string>?> NeverSeenAsync(HttpClient http, PrometheusClientOptions options, IEnumerable<string> metrics,
        string service, DateTimeOffset now, TimeSpan lookBack, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var metric in metrics)
        {
            var match = $"{metric}{{service=\"{service.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"}}";
            var url = new Uri(string.Create(CultureInfo.InvariantCulture,
                $"{options.BaseUrl.AbsoluteUri.TrimEnd('/')}/api/v1/series?match[]={Uri.EscapeDataString(match)}&start={(now - lookBack).ToUnixTimeSeconds()}&end={now.ToUnixTimeSeconds()}"));
            try
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                cts.CancelAfter(options.EffectiveTimeout);
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                Authorize(request, options.Auth);
                using var response = await http.SendAsync(request, cts.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token).ConfigureAwait(false));
                if (json.RootElement.GetProperty("data").GetArrayLength() == 0)
                {
                    missing.Add(metric);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return null;
            }
        }

        return missing;
    }

    public static void Authorize(HttpRequestMessage request, PrometheusAuth? auth)
    {
        if (auth?.BearerToken is { } token)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        else if (auth is { User: { } user, Password: { } password })
        {
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        }
    }

    [GeneratedRegex("""([A-Za-z_:][A-Za-z0-9_:]*)\s*\{""", RegexOptions.CultureInvariant)]
    private static partial Regex Selector();
}
