using Lumen.Adapters.Config;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Canary;

/// <summary>
/// <c>lumen canary export --stage S --since T [--until T] [--step 30s] [--out records.jsonl] [--service NAME]</c>:
/// writes interval records (by default <c>canary_records.jsonl</c> in the state directory) (docs/canary-records.md) from the stage's Prometheus, one per service,
/// track and interval that has data. Exit 0 written, 3 no data in the window (nothing written),
/// 2 bad input, 5 Prometheus unreachable or failing, or the file cannot be written.
/// </summary>
internal sealed class CanaryExportCommand(IAnsiConsole console, IEnvironmentVariables environment, TimeProvider time) : Command<CanaryExportSettings>
{
    public override int Execute(CommandContext context, CanaryExportSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Since))
        {
            return Error(ExitCodes.BadInput, "--since TIME is required (RFC 3339, or a duration before now such as 30m).");
        }

        if (!CommandSettingsLoader.TryLoad(console, environment, settings.ConfigDir, settings.Stage, out var loadedSettings))
        {
            return ExitCodes.BadInput;
        }

        var outPath = CanaryReportLocation.ResolveRecords(settings.Out, environment);
        var export = CanaryLiveRecords.Export(loadedSettings, environment, settings, settings.Since, time, cancellationToken);
        if (export.Error is not null)
        {
            return Error(export.ExitCode, export.Error);
        }

        if (export.Result!.Records.IsEmpty)
        {
            console.WriteLine($"no data in the window for {string.Join(", ", export.Options!.Services)}: nothing written to {outPath} (check the metric names, --service and that the services had traffic)");
            foreach (var note in export.Result.Notes)
            {
                console.WriteLine("  " + note);
            }

            return ExitCodes.Inconclusive;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
            CanaryLiveRecords.Write(outPath, export.Result);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Error(ExitCodes.RuntimeError, $"cannot write {outPath}: {e.Message}");
        }

        foreach (var line in CanaryLiveRecords.Summary(export, outPath))
        {
            console.WriteLine(line);
        }

        return ExitCodes.Ok;
    }

    private int Error(int exitCode, string message)
    {
        console.MarkupLineInterpolated($"[red]error:[/] {message}");
        return exitCode;
    }
}
