using System.Globalization;
using Lumen.Adapters.Config;
using Lumen.Cli.Commands.Approvals;
using Lumen.Core.Policy;
using Lumen.Runtime.Promotion;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Canary;

/// <summary>
/// <c>lumen canary rollback --stage S [--service NAME]</c>: puts each canary back to its baseline's
/// configuration (read from the baseline) through <see cref="PromotionWorkflow"/> in the
/// <see cref="PromotionDirection.CanaryRollback"/> direction: compare-and-set, read back,
/// <c>canary.rolled_back</c>. Idempotent: when the canary already matches, nothing is written. A dry run
/// (DRY_RUN=1) prints the plan only. Exit 0 done or nothing to do, 1 a knob was changed by someone else
/// (left alone), 2 bad input, 5 an executor failed.
/// </summary>
internal sealed class CanaryRollbackCommand(IAnsiConsole console, IEnvironmentVariables env, TimeProvider time) : AsyncCommand<CanaryRollbackSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CanaryRollbackSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var loaded = SettingsLoader.Load(env, settings.ConfigDir, settings.Stage);
        if (!loaded.IsValid || loaded.Settings!.Stage is not { } stage)
        {
            foreach (var error in loaded.Errors)
            {
                console.WriteLine(error.ToString());
            }

            console.WriteLine(loaded.IsValid ? "error: --stage STAGE (or LUMEN_STAGE) is required" : "");
            return ExitCodes.BadInput;
        }

        var services = loaded.Settings.Config.Services.Services
            .Where(s => settings.Service is null ? s.Executors.Baseline is not null : s.Name == settings.Service).ToList();
        if (services.Count == 0)
        {
            console.WriteLine($"error: no service {(settings.Service is null ? "with a baseline executor" : $"'{settings.Service}'")} in services.yaml");
            return ExitCodes.BadInput;
        }

        using var http = new HttpClient();
        var actor = CliApprovals.Name(null, env);
        var exit = ExitCodes.Ok;
        await using var ledger = new LazyLedger(env, settings.LedgerFile, actor, time);
        foreach (var service in services)
        {
            if (PromotionTargets.Build(service, http, env, time, out var error) is not { } targets)
            {
                console.WriteLine($"error: {error}");
                return ExitCodes.BadInput;
            }

            var ports = new PromotionPorts(targets.Baseline, targets.Canary, [.. service.Knobs.Select(k => k.Name)], time, actor, ledger.OpenAsync);
            var start = new PromotionState(new PromotionRequest(PromotionDirection.CanaryRollback, stage.Name, service.Name) { DryRun = stage.Policy.DryRun });
            var run = await new PromotionRunner(ports).RunAsync(start, cancellationToken, after: (action, state) =>
            {
                foreach (var c in action == PromotionAction.ReadPlan && state.Plan is { IsOk: true } plan ? plan.Changes : [])
                {
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{service.Name}: {c.Knob}: canary {c.From} -> {c.To}   via {targets.Describe("canary")}"));
                }
            });
            exit = Math.Max(exit, Report(service.Name, run));
        }

        return exit;
    }

    private int Report(string service, PromotionRun run)
    {
        switch (run.Outcome)
        {
            case PromotionOutcome.Done:
                console.WriteLine($"{service}: canary rolled back to the baseline's configuration (read back)");
                return ExitCodes.Ok;
            case PromotionOutcome.NothingToDo:
                console.WriteLine($"{service}: nothing to roll back: the canary already runs the baseline's configuration");
                return ExitCodes.Ok;
            case PromotionOutcome.DryRun:
                console.WriteLine($"{service}: dry run (DRY_RUN=1 or the stage's dry_run: true): nothing changed; set DRY_RUN=0 to roll back");
                return ExitCodes.Ok;
            case PromotionOutcome.Conflict:
                console.WriteLine($"{service}: refused: {run.Step.Reason}; nothing overwritten (adjustment.conflict in the ledger)");
                return ExitCodes.Failed;
            default:
                console.WriteLine($"{service}: error: {run.State.Applied?.Error ?? run.Step.Reason}");
                return ExitCodes.RuntimeError;
        }
    }
}
