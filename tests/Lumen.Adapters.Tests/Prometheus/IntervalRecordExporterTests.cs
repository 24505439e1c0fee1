using System.Net;
using Lumen.Adapters.Prometheus;
using Lumen.Adapters.Tests.TestKit;

namespace Lumen.Adapters.Tests.Prometheus;

public sealed class IntervalRecordExporterTests
{
    private const long T0 = 1767225600; // 2026-01-01T00:00:00Z

    private static IntervalExportOptions Options(long sinceOffset = 0, long untilOffset = 90) => new(
        ["checkout"], DateTimeOffset.FromUnixTimeSeconds(T0 + sinceOffset), DateTimeOffset.FromUnixTimeSeconds(T0 + untilOffset), TimeSpan.FromSeconds(30));

    private static string Matrix(params string[] series) =>
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + string.Join(',', series) + "]}}";

    private static string Series(string track, string? le, params (long Offset, string Value)[] samples)
    {
        var leLabel = le is null ? "" : $",\"le\":\"{le}\"";
        var values = string.Join(',', samples.Select(s => $"[{T0 + s.Offset},\"{s.Value}\"]"));
        return $$"""{"metric":{"service":"checkout","track":"{{track}}"{{leLabel}}},"values":[{{values}}]}""";
    }

    private static async Task<(IntervalExportResult Result, CannedPrometheusHandler Handler)> ExportAsync(string latency, string errors, IntervalExportOptions? options = null)
    {
        var handler = new CannedPrometheusHandler(
            ("http_request_duration_seconds_bucket", HttpStatusCode.OK, latency),
            ("http_requests_errors_total", HttpStatusCode.OK, errors));
        using var http = new HttpClient(handler);
        var exporter = new IntervalRecordExporter(new PrometheusClientOptions(new Uri("http://prom.test:9090/"), MaxRetries: 0), http, TimeProvider.System);
        return (await exporter.ExportAsync(options ?? Options(), CancellationToken.None), handler);
    }

    [Fact]
    public async Task ExportAsync_TwoTracks_OneRecordPerTrackAndIntervalInTimeOrder()
    {
        var latency = Matrix(
            Series("canary", "0.1", (30, "9.5"), (60, "20")),
            Series("canary", "+Inf", (30, "10.4"), (60, "21")),
            Series("baseline", "0.1", (30, "8"), (60, "19")),
            Series("baseline", "+Inf", (30, "11"), (60, "20")));
        var errors = Matrix(Series("canary", null, (30, "1.2"), (60, "0")), Series("baseline", null, (30, "0"), (60, "0")));

        var (result, _) = await ExportAsync(latency, errors);

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(
            """
            {"ts":"2026-01-01T00:00:30Z","service":"checkout","track":"baseline","requests":11,"errors":0,"latency_le":{"0.1":8,"+Inf":11}}
            {"ts":"2026-01-01T00:00:30Z","service":"checkout","track":"canary","requests":10,"errors":1,"latency_le":{"0.1":10,"+Inf":10}}
            {"ts":"2026-01-01T00:01:00Z","service":"checkout","track":"baseline","requests":20,"errors":0,"latency_le":{"0.1":19,"+Inf":20}}
            {"ts":"2026-01-01T00:01:00Z","service":"checkout","track":"canary","requests":21,"errors":0,"latency_le":{"0.1":20,"+Inf":21}}

            """.ReplaceLineEndings("\n"), result.ToJsonLines());
        Assert.Equal(0, result.Skipped);
        Assert.Equal(0, result.WithoutErrorsSeries);
    }

    [Fact]
    public async Task ExportAsync_AnIntervalMissingABucket_IsSkippedNotWrittenAsZeros()
    {
        var latency = Matrix(
            Series("canary", "0.1", (60, "20")),
            Series("canary", "+Inf", (30, "10"), (60, "21")));

        var (result, _) = await ExportAsync(latency, Matrix());

        var record = Assert.Single(result.Records);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T0 + 60), record.Record.Timestamp);
        Assert.Equal(1, result.Skipped);
        Assert.Contains(result.Notes, n => n.Contains("no data for bucket(s) le=0.1", StringComparison.Ordinal));
        Assert.Equal(1, result.WithoutErrorsSeries);
    }

    [Fact]
    public async Task ExportAsync_QueriesIncreaseOverOneStepByServiceTrackAndLe()
    {
        var (_, handler) = await ExportAsync(Matrix(), Matrix());

        var queries = handler.Forms.Select(f => Uri.UnescapeDataString(f.Replace('+', ' '))).ToList();
        Assert.Contains(queries, q => q.Contains("""query=sum by (service, track, le) (increase(http_request_duration_seconds_bucket{service=~"checkout", track=~"baseline|canary"}[30s]))""", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Contains("""query=sum by (service, track) (increase(http_requests_errors_total{service=~"checkout", track=~"baseline|canary"}[30s]))""", StringComparison.Ordinal));
        Assert.All(queries, q => Assert.Contains("&step=30&", q, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportAsync_PrometheusError_IsAnErrorWithTheReason()
    {
        var handler = new CannedPrometheusHandler(("increase", HttpStatusCode.UnprocessableEntity, """{"status":"error","errorType":"execution","error":"query too expensive"}"""));
        using var http = new HttpClient(handler);
        var exporter = new IntervalRecordExporter(new PrometheusClientOptions(new Uri("http://prom.test:9090/"), MaxRetries: 0), http, TimeProvider.System);

        var result = await exporter.ExportAsync(Options(), CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.Contains("query too expensive", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Records);
    }

    [Theory]
    [InlineData(0, 90, T0 + 30, T0 + 90)]   // on the grid: the first step ends at since + step
    [InlineData(5, 95, T0 + 60, T0 + 90)]   // off the grid: whole steps inside the window only
    [InlineData(0, 29, 0, 0)]              // shorter than a step after alignment: nothing
    public void Chunks_WindowOnTheGridOfWholeSteps(long since, long until, long first, long last)
    {
        var chunks = IntervalRecordExporter.Chunks(Options(since, until)).ToList();
        if (first == 0)
        {
            Assert.Empty(chunks);
            return;
        }

        var chunk = Assert.Single(chunks);
        Assert.Equal(first, chunk.Start.ToUnixTimeSeconds());
        Assert.Equal(last, chunk.End.ToUnixTimeSeconds());
    }

    [Fact]
    public void Chunks_LongWindow_SplitUnderPrometheusPointLimitWithoutGapsOrOverlap()
    {
        var options = Options(0, 30L * 25_000);

        var chunks = IntervalRecordExporter.Chunks(options).ToList();

        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, c => Assert.True((c.End - c.Start).TotalSeconds / 30 + 1 <= IntervalExportOptions.MaxStepsPerQuery));
        Assert.All(chunks.Zip(chunks.Skip(1)), p => Assert.Equal(p.First.End + TimeSpan.FromSeconds(30), p.Second.Start));
        Assert.Equal(T0 + (30L * 25_000), chunks[^1].End.ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData(0.5, "http_request_duration_seconds", "whole number of seconds")]
    [InlineData(30, "http-duration", "not a Prometheus metric name")]
    public void Problem_BadStepOrMetricName_IsNamed(double stepSeconds, string metric, string expected)
    {
        var options = Options() with { Step = TimeSpan.FromSeconds(stepSeconds), LatencyMetric = metric };

        Assert.Contains(expected, options.Problem(), StringComparison.Ordinal);
    }
}
