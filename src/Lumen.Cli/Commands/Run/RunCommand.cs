using Lumen.Adapters.Config;
using Lumen.Cli.Hosting;
using Lumen.Core.Leases;
using Lumen.Core.Policy;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Run;

/// <summary>
/// <c>lumen run --stage S [--once] [--port P]</c>: the control loop against the stage's Prometheus
/// (docs/loop.md, docs/simulator.md; docs/live.md). Exit 0 after a clean shutdown (or the one tick of <c>--once</c>),
/// 2 when the config is invalid (nothing was changed), 5 when the ledger cannot be opened or a
/// ledger write failed; with <c>--once</c>, 6 when Prometheus failed and 7 when an executor failed
/// (<see cref="RunOnceOutcome"/>); 8 when another controller holds a target's lease (unless
/// <c>--standby</c>), 9 when the state directory's disk is full (docs/reliability.md).
/// </summary>
internal sealed partial class RunCommand(IAnsiConsole console, IEnvironmentVariables env, TimeProvider time) : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var loaded = SettingsLoader.Load(env, settings.ConfigDir, settings.Stage);
        if (!loaded.IsValid || loaded.Settings!.Stage is null)
        {
            return BadConfig(loaded.IsValid ? ["no stage chosen: pass --stage or set LUMEN_STAGE"] : loaded.Errors.Select(e => e.ToString()));
        }

        var stateDir = string.IsNullOrEmpty(settings.StateDir) ? loaded.Settings.Env.StateDir : settings.StateDir;
        var (web, webErrors) = RunWebOptions.Resolve(env, loaded.Settings.Stage,
            loaded.Settings.Config.Services.Services.Select(s => s.Name), stateDir);
        if (web is null)
        {
            return BadConfig(webErrors);
        }

        var (rollouts, rolloutErrors) = RunRollouts.Resolve(env, loaded.Settings, stateDir);
        if (!rolloutErrors.IsEmpty)
        {
            return BadConfig(rolloutErrors);
        }

        web = web with { Rollouts = rollouts };
        var (live, failed) = await StartAsync(loaded.Settings, stateDir, cancellationToken).ConfigureAwait(false);
        if (live is null)
        {
            return failed;
        }

        await using (live.ConfigureAwait(false))
        {
            // One controller per target: refuse to start while another holds a target's lease (--standby waits instead).
            var held = await HeldLeasesAsync(live, cancellationToken).ConfigureAwait(false);
            if (held.Count > 0 && !settings.Standby)
            {
                return LeaseHeld(held);
            }

            return settings.Once
                ? await OnceAsync(live, cancellationToken).ConfigureAwait(false)
                : await ServeAsync(live, settings, web, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes or renews every target's lease; the ones another controller holds.</summary>
    private static async Task<List<KeyValuePair<string, LeaseOutcome>>> HeldLeasesAsync(LiveLoop live, CancellationToken cancellationToken)
    {
        var leases = await live.Loop.RenewLeasesAsync(cancellationToken).ConfigureAwait(false);
        return [.. leases.Where(kv => kv.Value.Status == LeaseStatus.Held)];
    }

    private int LeaseHeld(IEnumerable<KeyValuePair<string, LeaseOutcome>> held)
    {
        foreach (var (service, outcome) in held)
        {
            console.MarkupLineInterpolated(
                $"[red]lumen run:[/] {service}: the target is leased by [yellow]{outcome.Lease!.Holder}[/] until {outcome.Lease.ExpiresAt:O} (token {outcome.Lease.Token}); another controller acts on it. Nothing was changed (exit {ExitCodes.LeaseHeld}; --standby waits and takes over after the lease lapses)");
        }

        return ExitCodes.LeaseHeld;
    }

    private async Task<int> ServeAsync(LiveLoop live, RunSettings settings, RunWebOptions web, CancellationToken cancellationToken)
    {
        var listen = settings.Listen ?? env.Get("LUMEN_LISTEN_ADDRESS") ?? RunHost.DefaultListen;
        if (!System.Net.IPAddress.TryParse(listen, out _))
        {
            console.MarkupLineInterpolated($"[red]lumen run:[/] LUMEN_LISTEN_ADDRESS must be an IP address (127.0.0.1, 0.0.0.0, ::), not '{listen}'");
            return ExitCodes.BadInput;
        }

        return await RunHost.RunAsync(live, settings.Port, logs: null, cancellationToken, web, listen).ConfigureAwait(false);
    }

    /// <summary><c>--once</c>: one tick, its outcome mapped by <see cref="RunOnceOutcome"/>.</summary>
    private async Task<int> OnceAsync(LiveLoop live, CancellationToken cancellationToken)
    {
        using var logs = LoggerFactory.Create(b => b.AddLumenConsole());
        var report = await TickRunner.TickOnceAsync(live, null, logs.CreateLogger("Lumen.Run"), cancellationToken).ConfigureAwait(false);
        console.MarkupLineInterpolated(
            $"lumen run --once: stage [aqua]{live.Stage.Name}[/] ({(live.Stage.Policy.DryRun ? "shadow" : "acting")}), tick {report.Tick}: {report.Actions} action(s), {report.Problems.Length} problem(s); ledger {live.LedgerPath} at seq {live.Ledger.Head.Seq}");
        var exit = RunOnceOutcome.ExitCode(report);
        if (exit != ExitCodes.Ok)
        {
            console.MarkupLineInterpolated($"[red]lumen run --once:[/] {(exit == ExitCodes.ExecutorFailed ? "an executor failed" : "the SLI backend failed")} (exit {exit}): {string.Join("; ", report.Problems)}");
        }

        return exit;
    }

    private int BadConfig(IEnumerable<string> errors)
    {
        var list = errors.ToList();
        foreach (var error in list)
        {
            console.Profile.Out.Writer.WriteLine(error);
        }

        console.Profile.Out.Writer.WriteLine($"{list.Count} error{(list.Count == 1 ? "" : "s")}: lumen run did not start; nothing was changed");
        return ExitCodes.BadInput;
    }
}
