using Lumen.Adapters.Executors;
using Lumen.Adapters.Prometheus;
using Lumen.Core.Sli;
using Lumen.DemoService;
using Lumen.Integration.Tests.TestKit;

namespace Lumen.Integration.Tests.Prometheus;

/// <summary>
/// The collector and the http executor against a real Prometheus scraping real demo-service
/// instances under generated load (issue 6, part 7).
/// </summary>
public sealed class LivePrometheusTests(LiveFixture live) : IClassFixture<LiveFixture>
{
    [Fact]
    public async Task HttpExecutor_SetOnCanary_ReadsTheNewValueBackAndLeavesTheBaseline()
    {
        var canary = new HttpExecutor(new HttpExecutorOptions(live.Canary.AdminUrl, LiveFixture.AdminToken), live.Http);
        var baseline = new HttpExecutor(new HttpExecutorOptions(live.Baseline.AdminUrl, LiveFixture.AdminToken), live.Http);

        var set = await canary.SetAsync("cache_size_mb", 1024, CancellationToken.None);
        var read = await canary.GetAsync("cache_size_mb", CancellationToken.None);
        var other = await baseline.GetAsync("cache_size_mb", CancellationToken.None);
        await canary.SetAsync("cache_size_mb", 512, CancellationToken.None);

        Assert.True(set.IsOk, set.ToString());
        Assert.Equal(1024, read.Value);
        Assert.Equal(512, other.Value);
    }

    [Fact]
    public async Task HttpExecutor_WrongToken_FailsWith401AndChangesNothing()
    {
        var intruder = new HttpExecutor(new HttpExecutorOptions(live.Canary.AdminUrl, "not-the-token"), live.Http);
        var canary = new HttpExecutor(new HttpExecutorOptions(live.Canary.AdminUrl, LiveFixture.AdminToken), live.Http);

        var set = await intruder.SetAsync("concurrency_limit", 200, CancellationToken.None);
        var read = await canary.GetAsync("concurrency_limit", CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.Contains("401", set.Reason, StringComparison.Ordinal);
        Assert.Equal(32, read.Value);
    }

    [Fact]
    public async Task Collect_AfterLoad_P95AndErrorRateAgreeWithWhatTheServiceServed()
    {
        // A short timeout on the canary (100 ms × 0.2 = 20 ms) makes a share of the slow misses fail,
        // set through the same executor the loop uses.
        var canaryAdmin = new HttpExecutor(new HttpExecutorOptions(live.Canary.AdminUrl, LiveFixture.AdminToken), live.Http);
        var set = await canaryAdmin.SetAsync("timeout_ms", 100, CancellationToken.None);
        Assert.True(set.IsOk, set.ToString());
        LoadGenerator.Result baseline, canary;
        try
        {
            var runs = await Task.WhenAll(
                LoadGenerator.RunAsync(live.Http, new Uri(live.Baseline.Url, "api/order"), requests: 1200, concurrency: 12),
                LoadGenerator.RunAsync(live.Http, new Uri(live.Canary.Url, "api/order"), requests: 1200, concurrency: 12));
            (baseline, canary) = (runs[0], runs[1]);
        }
        finally
        {
            await canaryAdmin.SetAsync("timeout_ms", 1500, CancellationToken.None);
        }

        // Wait until Prometheus has scraped everything the load produced.
        await Poll.UntilAsync(
            () => live.Prometheus.QueryAsync(live.Http, """sum by (track) (http_requests_received_total{service="checkout"})"""),
            d => d.Series.Length == 2 && d.Series.All(s => s.Samples[0].Value == 1200),
            "Prometheus to see all 2400 requests");
        // The latency histogram is observed a moment after the request counter counts: a scrape can
        // fall between the two, so wait for the histogram's own count as well before comparing.
        await Poll.UntilAsync(
            () => live.Prometheus.QueryAsync(live.Http, """sum by (track) (http_request_duration_seconds_count{service="checkout"})"""),
            d => d.Series.Length == 2 && d.Series.All(s => s.Samples[0].Value == 1200),
            "Prometheus to see all 2400 latencies");
        var canaryOwn = await live.Http.GetStringAsync(new Uri(live.Canary.Url, "metrics"));
        var baselineOwn = await live.Http.GetStringAsync(new Uri(live.Baseline.Url, "metrics"));

        var source = new PrometheusSliSource(
            [TestServices.Service(LiveFixture.Service, window: "10m")],
            new PrometheusClientOptions(live.Prometheus.Url, TimeSpan.FromSeconds(5)),
            live.Http,
            TimeProvider.System);
        var all = await source.CollectAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(3, all.Queries);
        Assert.Empty(all.Warnings);
        foreach (var (track, client, own) in new[] { ("baseline", baseline, baselineOwn), ("canary", canary, canaryOwn) })
        {
            var p95 = all.Find(LiveFixture.Service, track, SliNames.P95Ms);
            var errorRate = all.Find(LiveFixture.Service, track, SliNames.ErrorRate);
            var rps = all.Find(LiveFixture.Service, track, SliNames.Rps);
            Assert.True(p95.IsOk, $"{track} p95: {p95.Status} {p95.Reason}");
            Assert.True(errorRate.IsOk, $"{track} error_rate: {errorRate.Status} {errorRate.Reason}");
            Assert.True(rps.IsOk && rps.Value > 0, $"{track} rps: {rps.Status} {rps.Reason}");

            // Errors: exactly what the clients saw (both counters are scraped together, so rate()'s
            // extrapolation cancels in the ratio).
            Assert.Equal((double)client.Errors / client.Requests, errorRate.Value, 9);

            // p95: what the service's own histogram says, through Prometheus, equals histogram_quantile
            // of its buckets; and it lies within the histogram bucket that holds the clients' p95
            // (the clients' latency includes loopback time, so it is never below the server's).
            var ownP95Ms = 1000 * HistogramText.Quantile(0.95, HistogramText.Buckets(own, "http_request_duration_seconds"));
            Assert.Equal(ownP95Ms, p95.Value, 6);
            var clientP95 = client.Quantile(0.95);
            var upperMs = 1000 * DemoMetrics.DefaultBuckets.First(b => 1000 * b >= clientP95);
            Assert.InRange(p95.Value, 0.1, upperMs);
        }

        Assert.True(canary.Errors > 0, "the 20 ms canary timeout should have cut some requests");
        Assert.True(all.Find(LiveFixture.Service, "canary", SliNames.ErrorRate).Value > all.Find(LiveFixture.Service, "baseline", SliNames.ErrorRate).Value);
    }

    [Fact]
    public async Task Collect_ServiceThatIsNotScraped_IsMissingNotZero()
    {
        var source = new PrometheusSliSource(
            [TestServices.Service("payments")],
            new PrometheusClientOptions(live.Prometheus.Url, TimeSpan.FromSeconds(5)),
            live.Http,
            TimeProvider.System);

        var snapshot = await source.ReadAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        var canary = snapshot.Find("payments", SliTracks.Canary)!;
        Assert.All(canary.All(), r => Assert.Equal(SliStatus.Missing, r.Reading.Status));
        Assert.False(canary.AllOk);
    }

    [Fact]
    public async Task ReadHistory_QueryRange_ReturnsOneSamplePerStep()
    {
        var source = new PrometheusSliSource(
            [TestServices.Service(LiveFixture.Service, window: "10m")],
            new PrometheusClientOptions(live.Prometheus.Url, TimeSpan.FromSeconds(5)),
            live.Http,
            TimeProvider.System);
        var end = DateTimeOffset.UtcNow;

        var history = await source.ReadHistoryAsync(end.AddSeconds(-10), end, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Empty(history.Problems);
        var samples = history.For(LiveFixture.Service, SliTracks.Baseline);
        Assert.Equal(11, samples.Length);
        Assert.All(samples, s => Assert.True(double.IsNaN(s.Rps) || s.Rps >= 0));
    }
}
