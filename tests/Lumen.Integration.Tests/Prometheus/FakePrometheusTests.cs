using Lumen.Adapters.Prometheus;
using Lumen.Core.Sli;
using Lumen.Integration.Tests.TestKit;
using Microsoft.AspNetCore.Http;

namespace Lumen.Integration.Tests.Prometheus;

/// <summary>
/// The collector against a fake Prometheus on loopback that gives every bad answer of issue 6: each
/// must become a reading with the right status and a reason, never a number (and never 0).
/// </summary>
public sealed class FakePrometheusTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly long NowUnix = Now.ToUnixTimeSeconds();

    private static string Vector(params string[] series) =>
        """{"status":"success","data":{"resultType":"vector","result":[""" + string.Join(",", series) + "]}}";

    private static string Series(string value, string service = "checkout", string track = "canary", long? ts = null, string extra = "") =>
        $$"""{"metric":{"service":"{{service}}","track":"{{track}}"{{extra}}},"value":[{{ts ?? NowUnix}}.5,"{{value}}"]}""";

    private static async Task<(SliReading Reading, SliCollection All, FakeHttpServer Server)> ReadAsync(
        Func<HttpContext, int, CancellationToken, Task> handler,
        int maxRetries = 0,
        int timeoutMs = 2000,
        PrometheusAuth? auth = null)
    {
        var server = await FakeHttpServer.StartAsync(handler);
        using var http = PrometheusHttp.CreateClient();
        var options = new PrometheusClientOptions(server.Url, TimeSpan.FromMilliseconds(timeoutMs), maxRetries, TimeSpan.FromMilliseconds(10), auth);
        var source = new PrometheusSliSource([TestServices.Service("checkout")], options, http, TimeProvider.System);
        var all = await source.CollectAsync(Now, CancellationToken.None);
        return (all.Find("checkout", "canary", SliNames.P95Ms), all, server);
    }

    private static async Task<SliReading> ReadOneAsync(string body, int status = 200, string contentType = "application/json")
    {
        var (reading, _, server) = await ReadAsync(FakeHttpServer.Always(body, status, contentType));
        await server.DisposeAsync();
        return reading;
    }

    [Fact]
    public async Task Collect_GoodAnswer_IsOkWithTheValue()
    {
        var reading = await ReadOneAsync(Vector(Series("123.5"), Series("80", track: "baseline")));

        Assert.Equal(SliStatus.Ok, reading.Status);
        Assert.Equal(123.5, reading.Value);
    }

    [Fact]
    public async Task Collect_EmptyResult_IsMissing()
    {
        var reading = await ReadOneAsync(Vector());

        Assert.Equal(SliStatus.Missing, reading.Status);
        Assert.Contains("no series for service=checkout track=canary", reading.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("+Inf")]
    [InlineData("-Inf")]
    public async Task Collect_NonFiniteValue_IsInvalidNeverZero(string value)
    {
        var reading = await ReadOneAsync(Vector(Series(value)));

        Assert.Equal(SliStatus.Invalid, reading.Status);
        Assert.Contains($"is {value}", reading.Reason, StringComparison.Ordinal);
        Assert.True(double.IsNaN(reading.ValueOrNaN));
    }

    [Fact]
    public async Task Collect_TwoSeriesForOneTrack_IsInvalid()
    {
        var reading = await ReadOneAsync(Vector(
            Series("100", extra: ""","instance":"a:1" """), Series("200", extra: ""","instance":"b:1" """)));

        Assert.Equal(SliStatus.Invalid, reading.Status);
        Assert.Contains("2 series for service=checkout track=canary", reading.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_SeriesWithoutServiceLabel_IsInvalidForEveryTrack()
    {
        var (reading, all, server) = await ReadAsync(FakeHttpServer.Always(
            """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[""" + NowUnix + ""","5"]}]}}"""));
        await server.DisposeAsync();

        Assert.Equal(SliStatus.Invalid, reading.Status);
        Assert.Contains("by (service, track)", reading.Reason, StringComparison.Ordinal);
        Assert.Equal(SliStatus.Invalid, all.Find("checkout", "baseline", SliNames.P95Ms).Status);
    }

    [Fact]
    public async Task Collect_StatusErrorWith422_IsErrorWithErrorType()
    {
        var reading = await ReadOneAsync("""{"status":"error","errorType":"execution","error":"many-to-many matching not allowed"}""", 422);

        Assert.Equal(SliStatus.Error, reading.Status);
        Assert.Contains("HTTP 422", reading.Reason, StringComparison.Ordinal);
        Assert.Contains("execution: many-to-many matching not allowed", reading.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_StatusErrorWith200_IsError()
    {
        var reading = await ReadOneAsync("""{"status":"error","errorType":"bad_data","error":"parse error at char 3"}""");

        Assert.Equal(SliStatus.Error, reading.Status);
        Assert.Contains("bad_data: parse error at char 3", reading.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_Http500WithHtml_IsErrorWithStatusAndSnippet()
    {
        var reading = await ReadOneAsync("<html><body><h1>500 Internal Server Error</h1></body></html>", 500, "text/html");

        Assert.Equal(SliStatus.Error, reading.Status);
        Assert.Contains("HTTP 500", reading.Reason, StringComparison.Ordinal);
        Assert.Contains("<h1>500 Internal Server Error</h1>", reading.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_InvalidJson_IsError()
    {
        var reading = await ReadOneAsync("""{"status":"success","data":{"resultType":"vector","result":[""");

        Assert.Equal(SliStatus.Error, reading.Status);
        Assert.Contains("not JSON", reading.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_ValueThatIsNotANumber_IsErrorNotZero()
    {
        var reading = await ReadOneAsync(Vector(Series("fast")));

        Assert.Equal(SliStatus.Error, reading.Status);
        Assert.Contains("\"fast\"", reading.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_StallLongerThanTheTimeout_IsErrorTimedOut()
    {
        var (reading, _, server) = await ReadAsync(
            async (_, _, ct) => await Task.Delay(Timeout.Infinite, ct),
            timeoutMs: 300);
        await server.DisposeAsync();

        Assert.Equal(SliStatus.Error, reading.Status);
        Assert.Contains("timed out after 300 ms", reading.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_OldSample_IsStale()
    {
        var reading = await ReadOneAsync(Vector(Series("100", ts: NowUnix - 600)));

        Assert.Equal(SliStatus.Stale, reading.Status);
        Assert.Contains("600 s old (limit 60 s)", reading.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_Warnings_KeepsTheValueAndMarksItDegraded()
    {
        var body = """{"status":"success","data":{"resultType":"vector","result":[""" + Series("42") + """]},"warnings":["store eu-1 unavailable: partial response"]}""";
        var (reading, all, server) = await ReadAsync(FakeHttpServer.Always(body));
        await server.DisposeAsync();

        Assert.Equal(SliStatus.Ok, reading.Status);
        Assert.Equal(42, reading.Value);
        Assert.Contains(all.Observations, o => o.Degraded);
        Assert.Contains("p95_ms: store eu-1 unavailable: partial response", all.Warnings);
    }

    [Fact]
    public async Task Collect_MatrixWhereAVectorWasExpected_IsInvalid()
    {
        var reading = await ReadOneAsync(
            """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"service":"checkout","track":"canary"},"values":[[""" + NowUnix + ""","1"]]}]}}""");

        Assert.Equal(SliStatus.Invalid, reading.Status);
        Assert.Contains("returned a matrix", reading.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_TransientFailureThenSuccess_RetriesAndIsOk()
    {
        var good = Vector(Series("7"));
        var attempted = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>();
        var (reading, _, server) = await ReadAsync(
            async (ctx, n, ct) =>
            {
                // Three SLI queries run at once; fail the first attempt of each query.
                var failed = ctx.Request.HasFormContentType && !attempted.TryAdd((await ctx.Request.ReadFormAsync(ct))["query"].ToString(), 0);
                ctx.Response.StatusCode = failed ? 200 : 503;
                await ctx.Response.WriteAsync(failed ? good : "Service Unavailable", ct);
            },
            maxRetries: 2);
        var requests = server.Requests;
        await server.DisposeAsync();

        Assert.Equal(SliStatus.Ok, reading.Status);
        Assert.Equal(7, reading.Value);
        Assert.Equal(6, requests);
    }

    [Fact]
    public async Task Collect_BadRequest_IsNotRetried()
    {
        var (reading, _, server) = await ReadAsync(
            FakeHttpServer.Always("""{"status":"error","errorType":"bad_data","error":"invalid parameter"}""", 400),
            maxRetries: 2);
        var requests = server.Requests;
        await server.DisposeAsync();

        Assert.Equal(SliStatus.Error, reading.Status);
        Assert.Equal(3, requests);
    }

    [Fact]
    public async Task Collect_TwoServices_SendsOneBatchedQueryPerSli()
    {
        var server = await FakeHttpServer.StartAsync(FakeHttpServer.Always(Vector()));
        using var http = PrometheusHttp.CreateClient();
        var options = new PrometheusClientOptions(server.Url, TimeSpan.FromSeconds(2), 0, Auth: PrometheusAuth.Basic("lumen", "s3cret"));
        var source = new PrometheusSliSource([TestServices.Service("search"), TestServices.Service("checkout")], options, http, TimeProvider.System);

        var all = await source.CollectAsync(Now, CancellationToken.None);
        await server.DisposeAsync();

        Assert.Equal(3, all.Queries);
        Assert.Equal(3, server.Received.Count);
        Assert.All(server.Received, r =>
        {
            Assert.Equal("/api/v1/query", r["$path"]);
            Assert.Contains("""service=~"checkout|search", track=~"baseline|canary"}""", r["query"], StringComparison.Ordinal);
            Assert.Equal("1800ms", r["timeout"]);
            Assert.Equal(NowUnix.ToString(System.Globalization.CultureInfo.InvariantCulture), r["time"]);
            Assert.Equal("Basic bHVtZW46czNjcmV0", r["$authorization"]);
        });
        Assert.Equal(12, all.Observations.Length);
        Assert.All(all.Observations, o => Assert.Equal(SliStatus.Missing, o.Reading.Status));
    }

    [Fact]
    public async Task ReadAsync_Snapshot_HasBothTracksOfEveryService()
    {
        var (_, all, server) = await ReadAsync(FakeHttpServer.Always(Vector(Series("3"), Series("4", track: "baseline"))));
        await server.DisposeAsync();

        var snapshot = all.ToSnapshot([TestServices.Service("checkout")], [SliTracks.Baseline, SliTracks.Canary]);

        Assert.Equal(3, snapshot.Find("checkout", "canary")!.Rps.Value);
        Assert.Equal(4, snapshot.Find("checkout", "baseline")!.ErrorRate.Value);
        Assert.Null(snapshot.Find("checkout", "canary")!.Saturation);
    }
}
