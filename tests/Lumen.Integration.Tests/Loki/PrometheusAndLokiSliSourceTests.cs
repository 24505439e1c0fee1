using System.Collections.Immutable;
using System.Globalization;
using Lumen.Adapters.Loki;
using Lumen.Adapters.Prometheus;
using Lumen.Core.Policy;
using Lumen.Core.Sli;
using Lumen.Integration.Tests.TestKit;
using Microsoft.AspNetCore.Http;

namespace Lumen.Integration.Tests.Loki;

/// <summary>
/// The loop's SLI source with an error rate read from Loki (services.yaml <c>sli.loki.error_rate</c>).
/// No Loki package is installable on the build machine, so "Loki" is an HTTP server on loopback that
/// answers <c>/loki/api/v1/query</c> in Loki's documented response format (status, data.resultType
/// "vector", data.result, data.stats); "Prometheus" answers <c>/api/v1/query</c> the same way.
/// </summary>
public sealed class PrometheusAndLokiSliSourceTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1767268800);

    private static readonly ServiceConfig Checkout = new(
        "checkout",
        new PromDuration("5m", TimeSpan.FromMinutes(5)),
        new SliQueries("p95_promql{service=~\"$service\", track=~\"$track\"$selector}", "", "rps_promql{service=~\"$service\", track=~\"$track\"}", null)
        {
            Loki = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                [new KeyValuePair<string, string>("error_rate", """sum by (service, track) (rate({service=~"$service", track=~"$track"} |= "error" [$window]))""")]),
        },
        [new KnobSpec("k", 1, 10, 5, 1, true, 60, 0)],
        new ServiceExecutors(new SimExecutorSpec(), null));

    private static string Vector(double at, double canary, double baseline) =>
        """{"status":"success","data":{"resultType":"vector","result":["""
        + Sample("canary", at, canary) + "," + Sample("baseline", at, baseline)
        + """],"stats":{"summary":{"execTime":0.01,"totalLinesProcessed":120}}}}""";

    private static string Sample(string track, double at, double value) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"metric":{"service":"checkout","track":"{{track}}"},"value":[{{at}},"{{value}}"]}""");

    private static Func<HttpContext, int, CancellationToken, Task> Answer(Func<HttpContext, (int Status, string Body)> pick) =>
        async (ctx, _, ct) =>
        {
            var (status, body) = pick(ctx);
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(body, ct);
        };

    private static StageConfig Stage(Uri prometheus, Uri? loki) =>
        new("dev", new StageEndpoints(prometheus, loki, null, null), new StagePolicy(30, true, 0.5, 0.1, false, 1, 0.25, 20, 0, false), new Slo(300, 0.01, 0.5));

    private static async Task<SliSnapshot> ReadAsync(FakeHttpServer prometheus, Uri? loki, Dictionary<string, string>? env = null)
    {
        using var http = PrometheusHttp.CreateClient();
        var options = new PrometheusClientOptions(prometheus.Url, TimeSpan.FromSeconds(2), MaxRetries: 0);
        var source = new PrometheusSliSource([Checkout], options, http, TimeProvider.System);
        var (composed, error) = LokiSliSources.Compose(source, [Checkout], Stage(prometheus.Url, loki),
            new DictionaryEnvironmentVariables(env ?? []), http, TimeProvider.System, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2));
        Assert.Null(error);
        Assert.IsType<PrometheusAndLokiSliSource>(composed);
        return await composed!.ReadAsync(Now, CancellationToken.None);
    }

    private static TrackReadings Canary(SliSnapshot s) => s.Tracks.Single(t => t.Track == SliTracks.Canary);

    [Fact]
    public async Task Read_ErrorRateFromLoki_IsOkBesidePrometheusSlis()
    {
        await using var prometheus = await FakeHttpServer.StartAsync(Answer(_ => (200, Vector(1767268800, 120, 110))));
        await using var loki = await FakeHttpServer.StartAsync(Answer(_ => (200, Vector(1767268800, 0.02, 0.005))));

        var snapshot = await ReadAsync(prometheus, loki.Url, new() { ["LOKI_TENANT_ID"] = "team-a", ["LOKI_BEARER_TOKEN"] = "s3cret" });

        Assert.Equal(SliStatus.Ok, Canary(snapshot).ErrorRate.Status);
        Assert.Equal(0.02, Canary(snapshot).ErrorRate.Value);
        Assert.Equal(120, Canary(snapshot).P95Ms.Value);
        var request = Assert.Single(loki.Received);
        Assert.Equal("/loki/api/v1/query", request["$path"]);
        Assert.Equal("Bearer s3cret", request["$authorization"]);
        Assert.Contains("|= \"error\"", request["query"], StringComparison.Ordinal);
        Assert.All(prometheus.Received, r => Assert.DoesNotContain("error", r["query"], StringComparison.Ordinal));
        Assert.Equal(2, prometheus.Received.Count);
    }

    [Fact]
    public async Task Read_LokiDown_ErrorRateIsErrorNotZero_PrometheusSlisStillOk()
    {
        await using var prometheus = await FakeHttpServer.StartAsync(Answer(_ => (200, Vector(1767268800, 120, 110))));
        var closed = new Uri($"http://127.0.0.1:{LoopbackPort.Unbound()}/");

        var snapshot = await ReadAsync(prometheus, closed);

        Assert.Equal(SliStatus.Error, Canary(snapshot).ErrorRate.Status);
        Assert.Equal(SliStatus.Ok, Canary(snapshot).P95Ms.Status);
    }

    [Fact]
    public async Task Read_LokiAnswersStaleEmptyAndNaN_GiveStaleMissingInvalid()
    {
        await using var prometheus = await FakeHttpServer.StartAsync(Answer(_ => (200, Vector(1767268800, 120, 110))));
        await using var stale = await FakeHttpServer.StartAsync(Answer(_ => (200, Vector(1767268800 - 600, 0.02, 0.005))));
        await using var empty = await FakeHttpServer.StartAsync(Answer(_ => (200, """{"status":"success","data":{"resultType":"vector","result":[]}}""")));
        await using var nan = await FakeHttpServer.StartAsync(Answer(_ => (200, Vector(1767268800, double.NaN, 0.005))));

        Assert.Equal(SliStatus.Stale, Canary(await ReadAsync(prometheus, stale.Url)).ErrorRate.Status);
        Assert.Equal(SliStatus.Missing, Canary(await ReadAsync(prometheus, empty.Url)).ErrorRate.Status);
        Assert.Equal(SliStatus.Invalid, Canary(await ReadAsync(prometheus, nan.Url)).ErrorRate.Status);
    }

    [Fact]
    public void Compose_LokiSliWithoutLokiUrl_IsAStartUpErrorNamingTheKey()
    {
        using var http = new HttpClient();
        var url = new Uri("http://127.0.0.1:9/");
        var source = new PrometheusSliSource([Checkout], new PrometheusClientOptions(url), http, TimeProvider.System);

        var (composed, error) = LokiSliSources.Compose(source, [Checkout], Stage(url, null), DictionaryEnvironmentVariables.Empty, http, TimeProvider.System, TimeSpan.FromMinutes(1));

        Assert.Null(composed);
        Assert.Contains("stages.dev.endpoints.loki", error, StringComparison.Ordinal);
        Assert.Contains("checkout (error_rate)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_NoLokiSli_IsPrometheusAlone()
    {
        using var http = new HttpClient();
        var url = new Uri("http://127.0.0.1:9/");
        var plain = Checkout with { Sli = new SliQueries("p", "e", "r", null) };
        var source = new PrometheusSliSource([plain], new PrometheusClientOptions(url), http, TimeProvider.System);

        var (composed, _) = LokiSliSources.Compose(source, [plain], Stage(url, null), DictionaryEnvironmentVariables.Empty, http, TimeProvider.System, TimeSpan.FromMinutes(1));

        Assert.Same(source, composed);
    }
}
