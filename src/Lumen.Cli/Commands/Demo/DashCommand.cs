using Lumen.Cli.Commands.Ledger;
using Lumen.Core.Policy;
using Lumen.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Demo;

/// <summary><c>lumen dash [--ledger FILE] [--out DIR]</c>: PNG charts of a ledger (docs/demo.md says how to read them).</summary>
internal sealed class DashCommand(IAnsiConsole console, IEnvironmentVariables environment) : Command<LedgerFileSettings>
{
    public override int Execute(CommandContext context, LedgerFileSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ledger = LedgerPaths.Resolve(settings.Ledger, environment);
        var output = settings.Out ?? Path.Combine(LedgerPaths.DirectoryOf(ledger), ReportRunner.ChartsFolder);
        var (charts, error) = ReportRunner.Dash(ledger, output);
        if (charts is null)
        {
            console.MarkupLineInterpolated($"[red]lumen dash:[/] {error}");
            return ExitCodes.BadInput;
        }

        if (charts.Count == 0)
        {
            console.MarkupLineInterpolated($"[yellow]lumen dash:[/] {ledger} has no observations to chart.");
            return ExitCodes.Ok;
        }

        foreach (var chart in charts)
        {
            console.MarkupLineInterpolated($"wrote [green]{chart.Path}[/]  {chart.Caption}");
        }

        return ExitCodes.Ok;
    }
}
