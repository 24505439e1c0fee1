using System.Text;
using Lumen.Adapters.FileSystem;
using Lumen.Reports.Charts;
using Lumen.Reports.Digest;
using Lumen.Reports.Ledger;
using Lumen.Reports.Markdown;

namespace Lumen.Reports;

/// <summary>What <c>lumen dash</c>, <c>lumen report</c> and the end of <c>lumen demo</c> run: read → digest → draw / write.</summary>
public static class ReportRunner
{
    public const string ReportFileName = "LUMEN_DEMO_REPORT.md";
    public const string ChartsFolder = "reports";

    /// <summary>Draws the charts of a ledger into <paramref name="chartsDirectory"/>; null and an error when the ledger is unreadable.</summary>
    public static (IReadOnlyList<ChartFile>? Charts, string? Error) Dash(string ledgerPath, string chartsDirectory)
    {
        var read = LedgerEntryFile.Read(ledgerPath);
        if (!read.IsOk)
        {
            return (null, read.Error);
        }

        return (ChartRenderer.RenderAll(RunDigest.From(read.Entries), chartsDirectory, read.Entries), null);
    }

    /// <summary>
    /// Verifies the ledger, draws the charts beside the report (in <c>reports/</c>) and writes the
    /// report atomically. Returns the verification so the caller can set its exit code.
    /// </summary>
    public static async Task<(LedgerVerification? Verification, string? Error)> ReportAsync(string ledgerPath, string reportPath,
        CancellationToken cancellationToken)
    {
        var read = LedgerEntryFile.Read(ledgerPath);
        if (!read.IsOk)
        {
            return (null, read.Error);
        }

        var digest = RunDigest.From(read.Entries);
        var verification = LedgerVerification.Run(ledgerPath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(reportPath))!;
        Directory.CreateDirectory(directory);
        var charts = ChartRenderer.RenderAll(digest, Path.Combine(directory, ChartsFolder), read.Entries);
        var markdown = DemoReportWriter.Write(digest, verification, charts, reportPath, Path.GetFileName(ledgerPath), read.Entries);
        await AtomicFile.WriteAllBytesAsync(reportPath, Encoding.UTF8.GetBytes(markdown), cancellationToken).ConfigureAwait(false);
        return (verification, null);
    }
}
