using Lumen.Adapters.Canary;
using Lumen.Adapters.Config;
using Lumen.Core.Canary;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Canary;

/// <summary>
/// <c>lumen canary check --stage S [--from records.jsonl | --since 30m] [--out FILE (default state/canary_report.json)] [--service NAME]</c>:
/// replays interval records through the anytime-valid judge, interval by interval, and stops at the
/// first final verdict, as a live check would (docs/canary-statistics.md). Without <c>--from</c> the
/// window is first exported from the stage's Prometheus into <c>canary_records.jsonl</c> beside the
/// report, so the exact input is kept and hashed. Read → pure judge → write the report. Exit 0 pass,
/// 1 fail, 3 inconclusive (also: no data in the window), 2 bad input, 5 Prometheus unreachable or failing.
/// </summary>
internal sealed partial class CanaryCheckCommand(IAnsiConsole console, IEnvironmentVariables environment, TimeProvider time) : Command<CanaryCheckSettings>
{
    /// <summary>The window a live check reads when <c>--since</c> is not given.</summary>
    public const string DefaultSince = "30m";

    public override int Execute(CommandContext context, CanaryCheckSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!CommandSettingsLoader.TryLoad(console, environment, settings.ConfigDir, settings.Stage, out var loadedSettings))
        {
            return ExitCodes.BadInput;
        }

        var lumen = loadedSettings;
        if (lumen.Stage is not { } stage || lumen.Canary is not { } policy)
        {
            return BadInput(lumen.Stage is null
                ? "--stage STAGE (or LUMEN_STAGE) is required: the stage's canary policy and SLO apply."
                : $"canary_policy.yaml has no stage '{lumen.Stage.Name}'.");
        }

        var outPath = CanaryReportLocation.Resolve(settings.Out, environment);
        var (from, exit) = string.IsNullOrWhiteSpace(settings.From) ? ExportLive(lumen, settings, outPath, cancellationToken) : (settings.From, ExitCodes.Ok);
        if (from is null)
        {
            return exit;
        }

        var judged = LiveCanaryCheck.JudgeFile(stage, policy, from, settings.Service);
        if (!judged.IsOk)
        {
            foreach (var error in judged.Errors)
            {
                console.WriteLine(error);
            }

            return ExitCodes.BadInput;
        }

        return Report(judged.Report!, stage.Name, outPath, settings.NoLedger);
    }

    /// <summary>Writes the report, prints the verdict, ledgers the decision (unless <c>--no-ledger</c>) and maps the outcome to the exit code.</summary>
    private int Report(CanaryReport report, string stage, string outPath, bool noLedger)
    {
        var verdict = report.Verdict;
        try
        {
            LiveCanaryCheck.Write(report, outPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] cannot write {outPath}: {e.Message}");
            return ExitCodes.RuntimeError;
        }

        Print(verdict, report.Service, outPath);
        console.WriteLine("  " + CanaryReport.ModelLine("errors", report.ErrorModel));
        console.WriteLine("  " + CanaryReport.ModelLine("latency", report.LatencyModel));
        if (!noLedger && !Ledger(report, stage, outPath))
        {
            return ExitCodes.RuntimeError;
        }

        return verdict.Outcome switch
        {
            CanaryOutcome.Pass => ExitCodes.Ok,
            CanaryOutcome.Fail => ExitCodes.Failed,
            _ => ExitCodes.Inconclusive,
        };
    }

    private bool Ledger(CanaryReport report, string stage, string outPath)
    {
        try
        {
            var entry = CanaryDecisionLedger.Append(environment, time, stage, report.Service, report.Verdict, outPath, report.InputSha256,
                CanaryReport.ModelsText(report.ErrorModel, report.LatencyModel));
            console.WriteLine($"ledger: canary.decision at seq {entry.Seq}");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException
                                   or Lumen.Adapters.LedgerStore.LedgerCorruptException or Lumen.Adapters.LedgerStore.LedgerStoreFaultedException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] the decision could not be written to the ledger: {e.Message}");
            return false;
        }
    }

    private void Print(CanaryVerdict verdict, string service, string outPath)
    {
        var decision = verdict.Outcome.ToString().ToLowerInvariant();
        var when = verdict.DecidedAt is { } at ? $" at {CanaryReport.Time(at)}" : verdict.IsFinal ? "" : " (records ended before a decision)";
        console.WriteLine($"canary {service}: {decision}{when} after {verdict.IntervalsUsed} interval(s), baseline {verdict.BaselineRequests} and canary {verdict.CanaryRequests} requests");
        foreach (var gate in verdict.Gates)
        {
            console.WriteLine($"  {gate.Outcome.ToString().ToLowerInvariant(),-12} {gate.Gate}: {gate.Reason}");
        }

        foreach (var reason in verdict.Reasons)
        {
            console.WriteLine($"  reason: {reason}");
        }

        console.WriteLine($"report: {outPath}");
    }

    private int BadInput(string message)
    {
        console.MarkupLineInterpolated($"[red]error:[/] {message}");
        return ExitCodes.BadInput;
    }
}
