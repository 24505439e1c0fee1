using Lumen.Adapters.Config;
using Spectre.Console;

namespace Lumen.Cli.Commands.Canary;

/// <summary><c>lumen canary check</c> without <c>--from</c>: the window's records exported from the stage's Prometheus first.</summary>
internal sealed partial class CanaryCheckCommand
{
    /// <summary>
    /// Exports the window into canary_records.jsonl beside the report: its path, or null and the exit
    /// code. No data is never a pass: an empty window ends inconclusive, a failing Prometheus with 5,
    /// both before any report or ledger entry is written.
    /// </summary>
    private (string? Path, int Exit) ExportLive(LumenSettings lumen, CanaryCheckSettings settings, string outPath, CancellationToken cancellationToken)
    {
        if (settings.Service is null && lumen.Config.Services.Services.Length > 1)
        {
            return (null, BadInput($"services.yaml has {lumen.Config.Services.Services.Length} services: choose the one to judge with --service"));
        }

        var export = CanaryLiveRecords.Export(lumen, environment, settings, DefaultSince, time, cancellationToken);
        if (export.Error is not null)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {export.Error}");
            if (export.ExitCode == ExitCodes.RuntimeError)
            {
                console.WriteLine("no report and no ledger entry written: without data there is no decision");
            }

            return (null, export.ExitCode);
        }

        if (export.Result!.Records.IsEmpty)
        {
            console.WriteLine($"canary {string.Join(", ", export.Options!.Services)}: inconclusive: Prometheus has no data for the window (no traffic yet, or other metric names: --latency-metric, --errors-metric); no report written");
            return (null, ExitCodes.Inconclusive);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        var path = Path.Combine(directory, CanaryLiveRecords.DefaultFileName);
        try
        {
            Directory.CreateDirectory(directory);
            CanaryLiveRecords.Write(path, export.Result);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] cannot write {path}: {e.Message}");
            return (null, ExitCodes.RuntimeError);
        }

        foreach (var line in CanaryLiveRecords.Summary(export, path))
        {
            console.WriteLine(line);
        }

        return (path, ExitCodes.Ok);
    }
}
