using System.Globalization;
using Lumen.Adapters.Config;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Runtime.Promotion;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands;

/// <summary>
/// <c>lumen canary rollback --stage S [--service NAME]</c>: puts each canary back to its baseline's
/// configuration (read from the baseline), reads it back and writes <c>canary.rolled_back</c>.
/// Idempotent: when the canary already matches, nothing is written. A dry run (DRY_RUN=1) prints
/// the plan only. Exit 0 done or nothing to do, 2 bad input, 5 an executor failed.
/// </summary>
internal sealed class CanaryRollbackCommand(IAnsiConsole console, IEnvironmentVariables env) : AsyncCommand<CanaryRollbackSettings>
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
        await using var ledger = stage.Policy.DryRun ? null : await CliApprovals.OpenAsync(env, settings.LedgerFile, actor, cancellationToken);
        foreach (var service in services)
        {
            if (PromotionTargets.Build(service, http, env, out var error) is not { } targets)
            {
                console.WriteLine($"error: {error}");
                return ExitCodes.BadInput;
            }

            var plan = await Promoter.PlanAsync(service.Knobs.Select(k => k.Name), targets.Baseline, targets.Canary, "canary", cancellationToken);
            if (!plan.IsOk)
            {
                console.WriteLine($"{service.Name}: error: {plan.Error}");
                exit = ExitCodes.RuntimeError;
                continue;
            }

            if (plan.IsEmpty)
            {
                console.WriteLine($"{service.Name}: nothing to roll back: the canary already runs the baseline's configuration");
                continue;
            }

            foreach (var c in plan.Changes)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{service.Name}: {c.Knob}: canary {c.From} -> {c.To}   via {targets.Describe("canary")}"));
            }

            if (ledger is null)
            {
                console.WriteLine($"{service.Name}: dry run (DRY_RUN=1 or the stage's dry_run: true): nothing changed; set DRY_RUN=0 to roll back");
                continue;
            }

            var applied = await Promoter.ApplyAsync(plan.Changes, targets.Canary, cancellationToken);
            await ledger.AppendAsync(new LedgerDraft(LedgerKinds.CanaryRolledBack, stage.Name, service.Name, actor, LedgerData.From(new Dictionary<string, object?>
            {
                ["ok"] = applied.Ok,
                ["error"] = applied.Error,
                ["read_back"] = applied.ReadBack,
                ["restored"] = applied.Restored.ToArray(),
                ["changes"] = plan.Changes.Select(c => new Dictionary<string, object?> { ["knob"] = c.Knob, ["track"] = c.Track, ["from"] = c.From, ["to"] = c.To }).ToArray(),
            })), cancellationToken);
            console.WriteLine(applied.Ok ? $"{service.Name}: canary rolled back to the baseline's configuration (read back)" : $"{service.Name}: error: {applied.Error}");
            exit = applied.Ok ? exit : ExitCodes.RuntimeError;
        }

        return exit;
    }
}
