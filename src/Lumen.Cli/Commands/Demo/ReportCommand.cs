using Lumen.Cli.Commands.Ledger;
using Lumen.Core.Policy;
using Lumen.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Demo;

/// <summary>
/// <c>lumen report [LEDGER...] [--ledger FILE] [--out FILE]</c>: <c>LUMEN_DEMO_REPORT.md</c> from a
/// ledger, or from one ledger per replica with a Fleet section (docs/scale-out.md), with its charts
/// in <c>reports/</c> beside it. Exit 1 when a ledger does not verify or a claim is in two ledgers
/// (the report is still written and says so), 2 when a ledger cannot be read or is given twice.
/// </summary>
internal sealed class ReportCommand(IAnsiConsole console, IEnvironmentVariables environment) : AsyncCommand<ReportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var given = (settings.Ledger is { Length: > 0 } one ? [one] : Array.Empty<string>()).Concat(settings.LedgerFiles).ToList();
        var ledgers = given.Count > 0 ? given : [LedgerPaths.Resolve(null, environment)];
        if (ledgers.GroupBy(Path.GetFullPath, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            console.MarkupLineInterpolated($"[red]lumen report:[/] {twice.First()}: the same ledger is given twice (give each replica's ledger once)");
            return ExitCodes.BadInput;
        }

        var output = settings.Out ?? Path.Combine(LedgerPaths.DirectoryOf(ledgers[0]), ReportRunner.ReportFileName);
        var (fleet, error) = await ReportRunner.ReportAsync(ledgers, output, cancellationToken).ConfigureAwait(false);
        if (fleet is null)
        {
            console.MarkupLineInterpolated($"[red]lumen report:[/] {error}");
            return ExitCodes.BadInput;
        }

        console.MarkupLineInterpolated($"wrote [green]{output}[/]");
        if (ledgers.Count == 1)
        {
            var verification = fleet.Replicas[0].Verification;
            console.MarkupLine($"ledger: {Verdict(verification.IsValid, verification.Summary)}");
            return verification.IsValid ? ExitCodes.Ok : ExitCodes.Failed;
        }

        foreach (var replica in fleet.Replicas)
        {
            console.MarkupLine(Markup.Escape($"ledger {replica.Ledger} ({replica.Replica ?? "no coordination entries"}): ")
                + Verdict(replica.Verification.IsValid, replica.Verification.Summary));
        }

        FleetLedgers.Print(console, fleet.Claims);

        var valid = fleet.Replicas.Count(r => r.Verification.IsValid);
        var total = $"{fleet.Replicas.Count} ledgers: {valid} valid, {fleet.Replicas.Count - valid} invalid";
        console.MarkupLineInterpolated(fleet.IsValid ? (FormattableString)$"[green]valid[/]: {total}" : $"[red]INVALID[/]: {total}");
        return fleet.IsValid ? ExitCodes.Ok : ExitCodes.Failed;
    }

    // The colour is markup and the verdict text is not: an interpolated "[green]" would be escaped and its "[/]" left unmatched.
    private static string Verdict(bool valid, string summary) => $"[{(valid ? "green" : "red")}]{Markup.Escape(summary)}[/]";
}
