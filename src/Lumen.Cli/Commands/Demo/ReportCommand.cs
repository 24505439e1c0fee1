using Lumen.Cli.Commands.Ledger;
using Lumen.Core.Policy;
using Lumen.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Demo;

/// <summary>
/// <c>lumen report [--ledger FILE] [--out FILE]</c>: <c>LUMEN_DEMO_REPORT.md</c> from a ledger, with
/// its charts in <c>reports/</c> beside it. Exit 1 when the ledger does not verify (the report is
/// still written and says so), 2 when it cannot be read.
/// </summary>
internal sealed class ReportCommand(IAnsiConsole console, IEnvironmentVariables environment) : AsyncCommand<LedgerFileSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LedgerFileSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ledger = LedgerPaths.Resolve(settings.Ledger, environment);
        var output = settings.Out ?? Path.Combine(LedgerPaths.DirectoryOf(ledger), ReportRunner.ReportFileName);
        var (verification, error) = await ReportRunner.ReportAsync(ledger, output, cancellationToken).ConfigureAwait(false);
        if (verification is null)
        {
            console.MarkupLineInterpolated($"[red]lumen report:[/] {error}");
            return ExitCodes.BadInput;
        }

        console.MarkupLineInterpolated($"wrote [green]{output}[/]");
        console.MarkupLineInterpolated($"ledger: {(verification.IsValid ? "[green]" : "[red]")}{verification.Summary}[/]");
        return verification.IsValid ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
