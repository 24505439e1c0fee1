using Lumen.Adapters.Loki;
using Lumen.Adapters.Prometheus;
using Lumen.Core.Sli;
using Lumen.Integration.Tests.TestKit;

namespace Lumen.Integration.Tests.Loki;

/// <summary>The Loki collector against recorded answers (TestData/loki, in the documented shape) served on loopback.</summary>
public sealed class LokiSliSourceTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1767268800);

    private static async Task<(SliCollection All, FakeHttpServer Server)> CollectAsync(string file, int status = 200, string contentType = "application/json")
    {
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "loki", file));
        var server = await FakeHttpServer.StartAsync(FakeHttpServer.Always(body, status, contentType));
        using var http = PrometheusHttp.CreateClient();
        var source = new LokiSliSource(
            ["checkout"],
            LokiSliQuery.ErrorLines(),
            new PrometheusClientOptions(server.Url, TimeSpan.FromSeconds(2), MaxRetries: 0, TenantId: "team-a"),
            http,
            TimeProvider.System);
        return (await source.CollectAsync(Now, CancellationToken.None), server);
    }

    [Fact]
    public async Task Collect_MetricQueryAnswer_ReadsEachTrack()
    {
        var (all, server) = await CollectAsync("vector.json");
        await server.DisposeAsync();

        Assert.Equal(0.35, all.Find("checkout", "canary", "error_lines_per_second").Value);
        Assert.Equal(0.0166, all.Find("checkout", "baseline", "error_lines_per_second").Value);
        var request = Assert.Single(server.Received);
        Assert.Equal("/loki/api/v1/query", request["$path"]);
        Assert.Equal("""sum by (service, track) (rate({service=~"checkout", track=~"baseline|canary"} |= "error" [5m]))""", request["query"]);
        Assert.Equal("2026-01-01T12:00:00.000Z", request["time"]);
    }

    [Fact]
    public async Task Collect_LogQueryStreams_IsErrorAskingForAMetricQuery()
    {
        var (all, server) = await CollectAsync("streams.json");
        await server.DisposeAsync();

        var reading = all.Find("checkout", "canary", "error_lines_per_second");
        Assert.Equal(SliStatus.Error, reading.Status);
        Assert.Contains("unknown resultType \"streams\"", reading.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_NaN_IsInvalid()
    {
        var (all, server) = await CollectAsync("nan.json");
        await server.DisposeAsync();

        Assert.Equal(SliStatus.Invalid, all.Find("checkout", "canary", "error_lines_per_second").Status);
        Assert.Equal(SliStatus.Missing, all.Find("checkout", "baseline", "error_lines_per_second").Status);
    }

    [Fact]
    public async Task Collect_PlainTextParseError_IsErrorWithLokisMessage()
    {
        var (all, server) = await CollectAsync("parse-error.txt", 400, "text/plain");
        await server.DisposeAsync();

        var reading = all.Find("checkout", "canary", "error_lines_per_second");
        Assert.Equal(SliStatus.Error, reading.Status);
        Assert.Contains("HTTP 400", reading.Reason, StringComparison.Ordinal);
        Assert.Contains("syntax error: unexpected IDENTIFIER", reading.Reason, StringComparison.Ordinal);
    }
}
