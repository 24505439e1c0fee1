using Lumen.Adapters.LedgerStore;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Commands;

[Trait("Speed", "Slow")] // runs the demo for simulated hours
public sealed class DemoCommandTests
{
    [Fact]
    public void Demo_QuarterDay_LeavesVerifiedLedgerMetricsChartsAndReport()
    {
        using var temp = new TempDir();
        var console = new TestConsole();

        var code = LumenApp.Run(["demo", "--days", "0.25", "--seed", "7", "--out", temp.Path], console);

        Assert.True(code == ExitCodes.Ok, console.Output);
        var ledger = Path.Combine(temp.Path, "proof_ledger.jsonl");
        var head = LedgerHeadFile.TryRead(FileLedgerStoreOptions.DefaultHeadPath(ledger), out var checkpoint, out _) ? checkpoint : null;
        Assert.NotNull(head);
        var verified = LedgerFileVerifier.Verify(ledger, head, publicKey: null);
        Assert.True(verified.IsValid, verified.Failure?.Reason);
        Assert.True(verified.Entries > 720 * 3, $"only {verified.Entries} entries for 720 ticks");
        Assert.True(File.Exists(Path.Combine(temp.Path, "lumen.prom")));
        Assert.Contains("lumen_", File.ReadAllText(Path.Combine(temp.Path, "lumen.prom")), StringComparison.Ordinal);
        var report = File.ReadAllText(Path.Combine(temp.Path, "LUMEN_DEMO_REPORT.md"));
        Assert.Contains("## Ledger verification", report, StringComparison.Ordinal);
        Assert.Contains("✅", report, StringComparison.Ordinal);
        Assert.Contains("](reports/latency-checkout.png)", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "reports", "latency-checkout.png")));
        Assert.True(File.Exists(Path.Combine(temp.Path, "reports", "knobs-search.png")));
        Assert.Contains("demo summary", console.Output, StringComparison.Ordinal);
    }
}
