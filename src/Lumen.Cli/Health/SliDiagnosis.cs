using Lumen.Adapters.Prometheus;
using Lumen.Core.Policy;
using Lumen.Core.Sli;

namespace Lumen.Cli.Health;

/// <summary>
/// Turns one collection of SLI readings into <c>lumen health</c> rows, one per service and SLI, with the
/// cause an SRE acts on: FAIL when the template does not parse (Prometheus answers 400 <c>bad_data</c>),
/// when the metric was never seen (no series at all over <see cref="LookBackWindows"/> windows), or on
/// any other error; WARN when the series exist but the service is quiet (no series in the window, or a
/// 0/0 ratio while the request rate is zero), or a sample is stale.
/// </summary>
internal static class SliDiagnosis
{
    /// <summary>"Never seen" looks back this many SLI windows (at least an hour).</summary>
    public const int LookBackWindows = 12;

    public static async Task<IReadOnlyList<HealthCheck>> RowsAsync(IReadOnlyList<ServiceConfig> services, SliCollection collection,
        PrometheusClientOptions options, HttpClient http, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = new List<HealthCheck>();
        foreach (var group in collection.Observations.GroupBy(o => (o.Service, o.Sli)))
        {
            var name = $"sli {group.Key.Service}/{group.Key.Sli}";
            var bad = group.Where(o => !o.Reading.IsOk).ToList();
            if (bad.Count == 0)
            {
                rows.Add(group.Any(o => o.Degraded)
                    ? HealthCheck.Warn(name, "one series per track, but the backend warned the data may be partial")
                    : HealthCheck.Ok(name, "parses; one series per track: " + string.Join(", ", group.Select(o => FormattableString.Invariant($"{o.Track} {o.Reading.Value:0.###}")))));
                continue;
            }

            var service = services.First(s => s.Name == group.Key.Service);
            if (bad.FirstOrDefault(o => o.Reading.Status == SliStatus.Error && (o.Reading.Reason ?? "").Contains("bad_data", StringComparison.Ordinal)) is { } parse)
            {
                rows.Add(HealthCheck.Fail(name, $"the template does not parse: {parse.Reading.Reason}"));
                continue;
            }

            var details = new List<string>();
            var status = HealthStatus.Warn;
            if (bad.Any(o => o.Reading.Status == SliStatus.Missing))
            {
                var template = service.Sli.PromQl(group.Key.Sli) ?? "";
                var lookBack = TimeSpan.FromTicks(Math.Max(TimeSpan.FromHours(1).Ticks, LookBackWindows * service.Window.Value.Ticks));
                var never = await SeriesProbe.NeverSeenAsync(http, options, SeriesProbe.MetricNames(template), service.Name, now, lookBack, cancellationToken).ConfigureAwait(false);
                if (never is { Count: > 0 })
                {
                    status = HealthStatus.Fail;
                    details.Add($"metric never seen: no series of {string.Join(", ", never)} with service=\"{service.Name}\" in the last {DurationText(lookBack)} (check the metric name, the labels and the scrape)");
                }
                else
                {
                    details.Add($"{string.Join(", ", bad.Where(o => o.Reading.Status == SliStatus.Missing).Select(o => o.Track))}: no series in the {service.Window.Text} window though the metric exists (no traffic?)");
                }
            }

            foreach (var o in bad.Where(o => o.Reading.Status != SliStatus.Missing))
            {
                if (o.Reading.Status == SliStatus.Invalid && collection.Find(o.Service, o.Track, SliNames.Rps) is { IsOk: true, Value: 0 })
                {
                    details.Add($"{o.Track}: no traffic (series present, request rate zero)");
                }
                else
                {
                    status = o.Reading.Status == SliStatus.Stale && status != HealthStatus.Fail ? status : HealthStatus.Fail;
                    details.Add($"{o.Track}: {o.Reading.Status.ToString().ToLowerInvariant()} ({o.Reading.Reason})");
                }
            }

            rows.Add(new HealthCheck(name, status, string.Join("; ", details)));
        }

        return rows;
    }

    private static string DurationText(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? FormattableString.Invariant($"{span.TotalHours:0} h") : FormattableString.Invariant($"{span.TotalMinutes:0} min");
}
