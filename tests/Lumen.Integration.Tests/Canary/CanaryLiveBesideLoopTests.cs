using System.Text.Json;
using Lumen.Adapters.LedgerStore;
using Lumen.Cli;
using Lumen.Core.Policy;
using Lumen.Integration.Tests.TestKit;
using Spectre.Console.Testing;

namespace Lumen.Integration.Tests.Canary;

/// <summary>
/// The live <c>lumen canary check</c> beside a running loop's ledger writer, with the coherence gate on
/// (as in the shipped canary_policy.yaml): a real Prometheus scraping real demo-service instances.
/// </summary>
public sealed class CanaryLiveBesideLoopTests(LiveFixture live, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<LiveFixture>
{
    [Fact]
    public async Task Check_WhileAnotherWriterHoldsTheLedger_RecordsCarryRhythmAndTheDecisionIsChainedInTheStateDirectory()
    {
        await using var load = new BackgroundLoad([live.Baseline.Url, live.Canary.Url]);
        using var config = LiveConfig.Write(new Uri($"http://127.0.0.1:{LoopbackPort.Unbound()}/"), live.Canary.AdminUrl, live.Baseline.AdminUrl);
        // Traffic for over 22 s on both tracks: the rhythm's history is read one period back at a step of
        // ⌈(period + 30 s) / 10,000⌉ = 9 s, so at least two of its points fall inside the traffic and the
        // newest record's history has a health (with only 10 s of traffic, its one point could land in the
        // first scrapes, where rates are still undefined, and the newest record had no coherence).
        await Poll.UntilAsync(
            () => live.Prometheus.QueryAsync(live.Http, "max by (track) (count_over_time(http_requests_received_total{service=\"checkout\"}[25s]))"),
            d => d.Series.Length == 2 && d.Series.All(s => s.Samples is [{ Value: >= 22 }]),
            "traffic on both tracks", attempts: 450, delayMs: 100);
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            [LiveConfig.TokenEnv] = LiveFixture.AdminToken,
            ["LUMEN_STATE_DIR"] = config.StateDir,
            ["LUMEN_PROMETHEUS_URL"] = live.Prometheus.Url.AbsoluteUri,
        });

        // The running loop's writer: open for the whole check, as `lumen run` keeps it.
        await using var loopLedger = await FileLedgerStore.OpenAsync(FileLedgerStoreOptions.InStateDirectory(config.StateDir) with { Actor = "loop" }, TimeProvider.System);
        var console = new TestConsole();
        console.Profile.Width = 300;

        var exit = LumenApp.Run(["canary", "check", "--stage", "dev", "--since", "30s", "--step", "5s", "--config-dir", config.ConfigDir], console, env);

        output.WriteLine(console.Output);
        Assert.True(exit is ExitCodes.Ok or ExitCodes.Inconclusive, $"exit {exit}: {console.Output}");
        var report = Path.Combine(config.StateDir, "canary_report.json");
        var records = Path.Combine(config.StateDir, "canary_records.jsonl");
        Assert.True(File.Exists(report), "the report goes to the state directory by default");
        var lines = File.ReadAllLines(records).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        // Coherence needs at least one earlier interval with a health in the history: a record at the
        // very start of the traffic may have none (unknown, never invented); every later one has it.
        Assert.True(lines[^1].TryGetProperty("coherence", out _), "the newest record carries coherence");
        Assert.True(lines.Count(l => l.TryGetProperty("coherence", out _)) >= lines.Count - 1, "every record after the first carries coherence");
        Assert.All(lines, l => Assert.True(l.TryGetProperty("phase", out _), "every record carries a phase label"));
        using var json = JsonDocument.Parse(File.ReadAllBytes(report));
        var coherence = json.RootElement.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("gate").GetString() == "coherence");
        Assert.Equal(JsonValueKind.Number, coherence.GetProperty("statistic").ValueKind);

        // The loop's writer adopts the check's entry, and its next append chains after it.
        var decisionSeq = loopLedger.Head.Seq;
        var next = await loopLedger.AppendAsync(new Lumen.Core.Ledger.LedgerDraft("loop.tick", "dev", null, "loop", Lumen.Core.Ledger.LedgerData.From(new { n = 1 })));
        Assert.Equal(decisionSeq + 1, next.Seq);
        var verified = LedgerFileVerifier.Verify(Path.Combine(config.StateDir, "proof_ledger.jsonl"), null, null);
        Assert.True(verified.IsValid, verified.Failure?.ToString());
        Assert.Contains(File.ReadAllLines(Path.Combine(config.StateDir, "proof_ledger.jsonl")), l => l.Contains("\"canary.decision\"", StringComparison.Ordinal));
    }
}
