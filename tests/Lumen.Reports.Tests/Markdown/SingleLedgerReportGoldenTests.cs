using System.Text;
using Lumen.Reports.Tests.TestKit;

namespace Lumen.Reports.Tests.Markdown;

/// <summary>
/// The report of one ledger without coordination entries (a single <c>lumen run</c> or the demo) is
/// byte for byte the one written before the report learned about fleets: the golden file was written
/// by that version. Set <c>LUMEN_UPDATE_GOLDEN=1</c> to rewrite it after an intended change.
/// </summary>
public sealed class SingleLedgerReportGoldenTests
{
    [Fact]
    [Trait("Speed", "Slow")] // draws the charts of a quarter of a simulated day
    public async Task ReportAsync_OneLedgerWithoutCoordination_MatchesTheGoldenReport()
    {
        using var temp = new TempDirectory();
        var ledger = FixtureLedger.Write(temp.Combine("state"), days: 0.25);
        var report = temp.Combine("LUMEN_DEMO_REPORT.md");

        var (verification, error) = await ReportRunner.ReportAsync(ledger, report, CancellationToken.None);

        Assert.Null(error);
        Assert.NotNull(verification);
        var golden = Path.Combine(RepoRoot(), "tests", "Lumen.Reports.Tests", "Markdown", "Golden", "single-ledger-report.md");
        var written = await File.ReadAllBytesAsync(report);
        if (Environment.GetEnvironmentVariable("LUMEN_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllBytesAsync(golden, written);
        }

        Assert.Equal(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(golden)), Encoding.UTF8.GetString(written));
        Assert.Equal(await File.ReadAllBytesAsync(golden), written);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lumen.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Lumen.slnx not found above " + AppContext.BaseDirectory);
    }
}
