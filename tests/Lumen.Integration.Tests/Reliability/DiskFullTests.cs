using Lumen.Adapters.LedgerStore;
using Lumen.Cli;
using Lumen.Cli.Hosting;
using Lumen.Core.Ledger;
using Lumen.Integration.Tests.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lumen.Integration.Tests.Reliability;

/// <summary>
/// A full disk loses nothing and leaves nothing applied (docs/reliability.md). ENOSPC is injected through
/// the ledger's durable-write seam (<see cref="FullDiskIo"/>, a fault injection); the demo canary, its
/// admin endpoint and Prometheus are real, on loopback. The loop's tick runner meets the failure, releases
/// the reserve, restores and ledgers every open adjustment, publishes the fault and stops with exit 9.
/// </summary>
public sealed class DiskFullTests(LiveFixture live) : IClassFixture<LiveFixture>
{
    private const string Knob = "concurrency_limit";

    [Fact]
    public async Task TickRunner_EnospcWithAnOpenAdjustment_RestoresAndLedgersItThenStopsWithExit9()
    {
        await using var load = new BackgroundLoad([live.Baseline.Url, live.Canary.Url]);
        using var config = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl);
        var before = await AdminClient.KnobAsync(live.Http, live.Canary.AdminUrl, LiveFixture.AdminToken, Knob);
        var io = new FullDiskIo();
        await using var driver = await LiveLoopDriver.StartAsync(config, LiveFixture.AdminToken,
            options: new LiveLoopOptions(config.StateDir, TimeProvider.System) { LedgerIo = io, ReserveBytes = 1 << 20 });
        var reserve = Path.Combine(config.StateDir, DiskReserve.FileName);
        Assert.Equal(1 << 20, new FileInfo(reserve).Length);
        Assert.True(await driver.TickUntilAsync(e => e.Any(x => x.Kind == LedgerKinds.AdjustmentApplied), 30, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)),
            "no adjustment.applied after 30 ticks");
        var intent = driver.Entries().Single(x => x.Kind == LedgerKinds.AdjustmentIntent);
        var id = intent.Data.GetProperty("id").GetString();
        Assert.NotEqual(before, await AdminClient.KnobAsync(live.Http, live.Canary.AdminUrl, LiveFixture.AdminToken, Knob));

        // The disk fills up (before the TTL): the next ledger write fails with ENOSPC.
        io.Full = true;
        var status = new LoopStatus(driver.Live.Stage.Policy.Interval, () => driver.Live.Ledger.IsFaulted, null, () => driver.Live.Loop.SafetyFaults);
        var lifetime = new StoppingLifetime();
        using var runner = new TickRunner(driver.Live, status, lifetime, NullLogger<TickRunner>.Instance);
        await runner.StartAsync(CancellationToken.None);
        await runner.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(io.Refused > 0);
        Assert.Equal(ExitCodes.DiskFull, runner.FailureExitCode);
        Assert.True(lifetime.StopRequested);
        var (ready, why) = status.Readiness(driver.Live.Time.GetUtcNow());
        Assert.False(ready);
        Assert.Contains("ledger could not be written", why, StringComparison.Ordinal);

        // Every open adjustment was restored on the target and ledgered, before its TTL.
        Assert.Equal(before, await AdminClient.KnobAsync(live.Http, live.Canary.AdminUrl, LiveFixture.AdminToken, Knob));
        var entries = driver.Entries();
        Assert.Single(entries, e => e.Kind == LedgerKinds.DiskFull);
        var restored = Assert.Single(entries, e => e.Kind == LedgerKinds.AdjustmentRolledBack);
        Assert.Equal(id, restored.Data.GetProperty("id").GetString());
        Assert.Equal("disk_full", restored.Data.GetProperty("reason").GetString());
        Assert.Empty(driver.Live.Loop.Book.Open);

        // The fault is published, the reserve is spent, and no temp file is left behind.
        Assert.Contains("lumen_ledger_write_failures_total{stage=\"dev\"} 1", driver.Live.Metrics.Text, StringComparison.Ordinal);
        Assert.Contains("lumen_ledger_write_failures_total{stage=\"dev\"} 1", await File.ReadAllTextAsync(driver.Live.Metrics.TextfilePath), StringComparison.Ordinal);
        Assert.False(File.Exists(reserve));
        Assert.Empty(Directory.GetFiles(config.StateDir, "*.tmp", SearchOption.AllDirectories));
        Assert.True(LedgerFileVerifier.Verify(driver.Live.LedgerPath, null, null).IsValid);
    }
}
