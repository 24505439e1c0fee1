using System.Security.Cryptography;
using System.Text.Json;
using Lumen.Adapters.Prometheus;
using Lumen.Cli;
using Lumen.Core.Canary;
using Lumen.Core.Policy;
using Lumen.Integration.Tests.TestKit;
using Spectre.Console.Testing;

namespace Lumen.Integration.Tests.Canary;

/// <summary>
/// <c>lumen canary export</c> and the live <c>lumen canary check</c> against a real Prometheus scraping
/// real demo-service instances (issue 7, parts 1 and 3).
/// </summary>
public sealed class CanaryLiveTests(LiveFixture live, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<LiveFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    private static DictionaryEnvironmentVariables Env(LiveConfig config, Uri prometheus) => new(new Dictionary<string, string>
    {
        [LiveConfig.TokenEnv] = LiveFixture.AdminToken,
        ["LUMEN_STATE_DIR"] = config.StateDir,
        ["LUMEN_PROMETHEUS_URL"] = prometheus.AbsoluteUri,
    });

    private async Task<Dictionary<string, double>> ServedTotalsAsync() =>
        (await live.Prometheus.QueryAsync(live.Http, """sum by (track) (http_requests_received_total{service="checkout"})"""))
        .Series.ToDictionary(s => s.Label("track")!, s => s.Samples[0].Value);

    [Fact]
    public async Task Export_AfterLoad_ValidRecordsWhoseRequestsMatchWhatWasServed()
    {
        // Start from quiet: no request of another test may fall into the window.
        await Poll.UntilAsync(
            () => live.Prometheus.QueryAsync(live.Http, """sum(increase(http_requests_received_total{service="checkout"}[5s]))"""),
            d => d.Series is [{ Samples: [{ Value: 0 }] }],
            "no traffic for 5 s");
        var before = await ServedTotalsAsync();
        var since = DateTimeOffset.UtcNow - Step;
        var loadStart = DateTimeOffset.UtcNow;
        var runs = await Task.WhenAll(
            LoadGenerator.RunAsync(live.Http, new Uri(live.Baseline.Url, "api/order"), requests: 1500, concurrency: 1),
            LoadGenerator.RunAsync(live.Http, new Uri(live.Canary.Url, "api/order"), requests: 1500, concurrency: 1));
        var loadEnd = DateTimeOffset.UtcNow;
        await Poll.UntilAsync(ServedTotalsAsync, t => t["baseline"] >= before["baseline"] + 1500 && t["canary"] >= before["canary"] + 1500,
            "Prometheus to see every request served");
        var scraped = DateTimeOffset.UtcNow;
        var exporter = new IntervalRecordExporter(new PrometheusClientOptions(live.Prometheus.Url), live.Http, TimeProvider.System);

        // Wait (by polling Prometheus, not sleeping) until the window has closed steps after the last scrape.
        var result = await Poll.UntilAsync(
            () => exporter.ExportAsync(new IntervalExportOptions([LiveFixture.Service], since, DateTimeOffset.UtcNow, Step), CancellationToken.None),
            r => r.IsOk && r.Records.Any(x => x.Record.Timestamp >= scraped + (2 * Step)),
            "two closed steps after the last scrape");

        Assert.True(result.IsOk, result.Error);
        foreach (var record in result.Records)
        {
            Assert.True(IntervalRecordParser.Parse(record.ToJson()).IsOk, record.ToJson());
        }

        var seconds = Math.Max(0.5, (loadEnd - loadStart).TotalSeconds);
        foreach (var track in new[] { CanaryTrack.Baseline, CanaryTrack.Canary })
        {
            var exported = result.Records.Where(r => r.Record.Track == track).Sum(r => r.Record.Requests);
            var served = runs[track == CanaryTrack.Baseline ? 0 : 1].Requests;

            // increase() extrapolates each step from the samples inside it to its edges: at the start and
            // at the end of the load the total may miss or add up to one scrape's worth of traffic (1 s at
            // the load's rate) each, two when a scrape runs late on a loaded machine (seen: 2.9 scrapes
            // short with every test project running at once); every record adds at most 0.5 of rounding.
            var oneScrape = served / seconds;
            var slack = (4 * oneScrape) + (0.5 * result.Records.Count(r => r.Record.Track == track));
            output.WriteLine($"{track}: served {served}, exported {exported}, allowed ±{slack:0.#} ({result.Records.Count(r => r.Record.Track == track)} records)");
            Assert.InRange(exported, served - slack, served + slack);
        }

        Assert.All(result.Records, r => Assert.Equal(r.Record.Requests, r.Record.Buckets[^1].CumulativeCount));
        Assert.Equal(2, result.Records.Select(r => r.Record.Track).Distinct().Count());
    }

    [Fact]
    public async Task Check_LiveUnderAaLoad_WritesRecordsReportAndLedgerEntryAndDoesNotFail()
    {
        await using var load = new BackgroundLoad([live.Baseline.Url, live.Canary.Url]);
        using var config = LiveConfig.Write(new Uri($"http://127.0.0.1:{LoopbackPort.Unbound()}/"), live.Canary.AdminUrl, live.Baseline.AdminUrl);
        // At least 12 s of scrapes under traffic on both tracks, so the 30 s window holds whole 5 s steps
        // with several samples each (increase() needs two samples in its range; on a busy machine a
        // 1 s scrape can slip, so steps of one or two scrapes may come back empty).
        await Poll.UntilAsync(
            () => live.Prometheus.QueryAsync(live.Http, "max by (track) (count_over_time(http_requests_received_total{service=\"checkout\"}[12s]))"),
            d => d.Series.Length == 2 && d.Series.All(s => s.Samples is [{ Value: >= 10 }]),
            "traffic on both tracks", attempts: 300, delayMs: 100);
        var report = Path.Combine(config.Root, "out", "canary_report.json");
        var console = new TestConsole();
        console.Profile.Width = 300;

        // The config names a closed port: LUMEN_PROMETHEUS_URL must win.
        var exit = LumenApp.Run(["canary", "check", "--stage", "dev", "--since", "30s", "--step", "5s", "--out", report, "--config-dir", config.ConfigDir],
            console, Env(config, live.Prometheus.Url));

        output.WriteLine(console.Output);
        Assert.True(exit is ExitCodes.Ok or ExitCodes.Inconclusive, $"exit {exit}: {console.Output}");
        var records = Path.Combine(config.Root, "out", "canary_records.jsonl");
        Assert.Contains("record(s) from", console.Output, StringComparison.Ordinal);
        var file = Lumen.Adapters.Canary.IntervalRecordFile.Read(records);
        Assert.True(file.IsOk, string.Join("; ", file.Errors));
        using var json = JsonDocument.Parse(File.ReadAllBytes(report));
        Assert.Equal(file.Sha256, json.RootElement.GetProperty("input").GetProperty("sha256").GetString());
        Assert.NotEqual("fail", json.RootElement.GetProperty("decision").GetString());
        var decision = File.ReadAllLines(Path.Combine(config.StateDir, "proof_ledger.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("kind").GetString() == "canary.decision");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(records))), decision.GetProperty("data").GetProperty("input_sha256").GetString());
    }

    [Fact]
    public async Task Export_WithoutOut_WritesTheRecordsIntoTheStateDirectory()
    {
        await using var load = new BackgroundLoad([live.Baseline.Url, live.Canary.Url]);
        using var config = LiveConfig.Write(new Uri($"http://127.0.0.1:{LoopbackPort.Unbound()}/"), live.Canary.AdminUrl, live.Baseline.AdminUrl);
        await Poll.UntilAsync(
            () => live.Prometheus.QueryAsync(live.Http, "max by (track) (count_over_time(http_requests_received_total{service=\"checkout\"}[12s]))"),
            d => d.Series.Length == 2 && d.Series.All(s => s.Samples is [{ Value: >= 10 }]),
            "traffic on both tracks", attempts: 300, delayMs: 100);
        var console = new TestConsole();
        console.Profile.Width = 300;

        var exit = LumenApp.Run(["canary", "export", "--stage", "dev", "--since", "30s", "--step", "5s", "--config-dir", config.ConfigDir],
            console, Env(config, live.Prometheus.Url));

        output.WriteLine(console.Output);
        Assert.Equal(ExitCodes.Ok, exit);
        var records = Path.Combine(config.StateDir, "canary_records.jsonl");
        var file = Lumen.Adapters.Canary.IntervalRecordFile.Read(records);
        Assert.True(file.IsOk, string.Join("; ", file.Errors));
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "canary_records.jsonl")), "nothing is written to the working directory");
    }

    [Fact]
    public void Check_PrometheusDown_ExitFiveWithTheReasonAndWritesNothing()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackPort.Unbound()}/");
        using var config = LiveConfig.Write(closed, live.Canary.AdminUrl, live.Baseline.AdminUrl);
        var report = Path.Combine(config.Root, "out", "canary_report.json");
        var console = new TestConsole();
        console.Profile.Width = 300;

        var exit = LumenApp.Run(["canary", "check", "--stage", "dev", "--out", report, "--config-dir", config.ConfigDir], console, Env(config, closed));

        Assert.Equal(ExitCodes.RuntimeError, exit);
        Assert.Contains("Prometheus:", console.Output, StringComparison.Ordinal);
        Assert.Contains("no report and no ledger entry written", console.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(report));
        Assert.False(File.Exists(Path.Combine(config.Root, "out", "canary_records.jsonl")));
        Assert.False(File.Exists(Path.Combine(config.StateDir, "proof_ledger.jsonl")));
    }
}
