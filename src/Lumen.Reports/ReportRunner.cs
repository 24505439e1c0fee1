using System.Text;
using Lumen.Adapters.FileSystem;
using Lumen.Reports.Charts;
using Lumen.Core.Ledger;
using Lumen.Reports.Digest;
using Lumen.Reports.Fleet;
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
        var (fleet, error) = await ReportAsync([ledgerPath], reportPath, cancellationToken).ConfigureAwait(false);
        return (fleet?.Replicas[0].Verification, error);
    }

    /// <summary>
    /// The report over one ledger per replica (docs/scale-out.md): each ledger is read and verified
    /// against the head checkpoint beside it; the Fleet section is added when there are several or
    /// the one has coordination entries; the rest of the report reads the entries merged in time
    /// order. Nothing is written, and the error names the file, when a ledger cannot be read.
    /// </summary>
    public static async Task<(FleetDigest? Fleet, string? Error)> ReportAsync(IReadOnlyList<string> ledgerPaths, string reportPath,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledgerPaths);
        if (ledgerPaths.Count == 0)
        {
            return (null, "no ledger given");
        }

        var ledgers = new List<FleetLedger>();
        foreach (var path in ledgerPaths)
        {
            var read = LedgerEntryFile.Read(path);
            if (!read.IsOk)
            {
                return (null, read.Error);
            }

            ledgers.Add(new FleetLedger(path, read.Entries, LedgerVerification.Run(path)));
        }

        var fleet = FleetDigest.From(ledgers);
        var (entries, digest) = ledgers.Count == 1
            ? (ledgers[0].Entries, RunDigest.From(ledgers[0].Entries))
            : Merged(ledgers);
        var directory = Path.GetDirectoryName(Path.GetFullPath(reportPath))!;
        Directory.CreateDirectory(directory);
        var charts = ChartRenderer.RenderAll(digest, Path.Combine(directory, ChartsFolder), entries);
        var shown = ledgers.Count > 1 || fleet.HasCoordination ? fleet : null;
        var markdown = DemoReportWriter.Write(digest, ledgers[0].Verification, charts, reportPath, Path.GetFileName(ledgerPaths[0]), entries, shown);
        await AtomicFile.WriteAllBytesAsync(reportPath, Encoding.UTF8.GetBytes(markdown), cancellationToken).ConfigureAwait(false);
        return (fleet, null);
    }

    private static (IReadOnlyList<LedgerEntry> Entries, RunDigest Digest) Merged(IReadOnlyList<FleetLedger> ledgers)
    {
        var (entries, sources) = FleetEntries.Merge(ledgers);
        return (entries, RunDigest.From(entries, sources));
    }
}
