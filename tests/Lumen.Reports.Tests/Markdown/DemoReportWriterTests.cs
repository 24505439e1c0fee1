using Lumen.Core.Ledger;
using Lumen.Reports.Digest;
using Lumen.Reports.Ledger;
using Lumen.Reports.Markdown;
using Lumen.Reports.Tests.TestKit;

namespace Lumen.Reports.Tests.Markdown;

public sealed class DemoReportWriterTests
{
    private static readonly LedgerVerification Valid = new(true, 1, 1, false, "fixture");

    [Fact]
    public void Write_SimulatedDemoLedger_SaysSimulatedTime()
    {
        var entries = FixtureLedger.Entries(0.25, "steady", 42, withRewards: false);

        var text = Report(entries);

        Assert.Contains("| simulated time |", text, StringComparison.Ordinal);
        Assert.Contains("Per simulated day:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("real time", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LedgerWithoutDemoStarted_SaysRealTime()
    {
        // A ledger from `lumen run` has no demo.started entry: its timestamps are the wall clock.
        var entries = FixtureLedger.Entries(0.25, "steady", 42, withRewards: false).Where(e => e.Kind != RunDigest.DemoStartedKind).ToList();

        var text = Report(entries);

        Assert.Contains("| real time |", text, StringComparison.Ordinal);
        Assert.Contains("Per day of real time", text, StringComparison.Ordinal);
        Assert.DoesNotContain("simulated", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LiveDemoLedger_SaysRealTime()
    {
        var entries = FixtureLedger.Entries(0.25, "steady", 42, withRewards: false)
            .Select(e => e.Kind == RunDigest.DemoStartedKind
                ? e with { Data = LedgerData.Parse("""{"env":"live: demo service + Prometheus","seed":42,"days":0.01,"tick_seconds":15}""") }
                : e)
            .ToList();

        var text = Report(entries);

        Assert.Contains("| real time |", text, StringComparison.Ordinal);
        Assert.Contains("Per day of real time", text, StringComparison.Ordinal);
        Assert.DoesNotContain("simulated", text, StringComparison.Ordinal);
    }

    private static string Report(IReadOnlyList<LedgerEntry> entries) =>
        DemoReportWriter.Write(RunDigest.From(entries), Valid, [], "LUMEN_DEMO_REPORT.md", "proof_ledger.jsonl", entries);
}
