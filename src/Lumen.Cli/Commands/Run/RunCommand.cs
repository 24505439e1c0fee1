using Lumen.Adapters.Config;
using Lumen.Adapters.FileSystem;
using Lumen.Adapters.LedgerStore;
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
internal sealed class RunCommand(IAnsiConsole console, IEnvironmentVariables env, TimeProvider time) : AsyncCommand<RunSettings>
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

        LiveLoopBuild build;
        try
        {
            build = await LiveLoop.BuildAsync(loaded.Settings, env, new LiveLoopOptions(stateDir, time)
            {
                Backfill = true,
                StartLog = new LineProgress(line => console.Profile.Out.Writer.WriteLine(line)),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (DiskFull.IsDiskFull(ex))
        {
            console.MarkupLineInterpolated($"[red]lumen run: disk full:[/] {stateDir}: {ex.Message}. Nothing can be ledgered; restoring what is due, then stopping (exit {ExitCodes.DiskFull})");
            var holder = env.Get(LiveLoop.LeaseHolderEnv) is { Length: > 0 } h ? h : $"{Environment.MachineName}:{Path.GetFullPath(stateDir)}";
            foreach (var line in await DiskFullStart.RestoreDueAsync(loaded.Settings, env, stateDir, holder, time, cancellationToken).ConfigureAwait(false))
            {
                console.Profile.Out.Writer.WriteLine("lumen run: disk full: " + line);
            }

            console.MarkupLineInterpolated($"[red]lumen run: disk full:[/] free space in {stateDir} (the ledger and its {DiskReserve.FileName} of {DiskReserve.DefaultBytes >> 20} MiB need room) and start again");
            return ExitCodes.DiskFull;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LedgerCorruptException)
        {
            console.MarkupLineInterpolated($"[red]lumen run:[/] cannot open the ledger in {stateDir}: {ex.Message}");
            return ExitCodes.RuntimeError;
        }

        if (build.Loop is not { } live)
        {
            return BadConfig(build.Errors);
        }

        await using (live.ConfigureAwait(false))
        {
            // One controller per target: refuse to start while another holds a target's lease.
            var leases = await live.Loop.RenewLeasesAsync(cancellationToken).ConfigureAwait(false);
            var held = leases.Where(kv => kv.Value.Status == LeaseStatus.Held).ToList();
            if (held.Count > 0 && !settings.Standby)
            {
                foreach (var (service, outcome) in held)
                {
                    console.MarkupLineInterpolated(
                        $"[red]lumen run:[/] {service}: the target is leased by [yellow]{outcome.Lease!.Holder}[/] until {outcome.Lease.ExpiresAt:O} (token {outcome.Lease.Token}); another controller acts on it. Nothing was changed (exit {ExitCodes.LeaseHeld}; --standby waits and takes over after the lease lapses)");
                }

                return ExitCodes.LeaseHeld;
            }

            if (!settings.Once)
            {
                var listen = settings.Listen ?? env.Get("LUMEN_LISTEN_ADDRESS") ?? RunHost.DefaultListen;
                if (!System.Net.IPAddress.TryParse(listen, out _))
                {
                    console.MarkupLineInterpolated($"[red]lumen run:[/] LUMEN_LISTEN_ADDRESS must be an IP address (127.0.0.1, 0.0.0.0, ::), not '{listen}'");
                    return ExitCodes.BadInput;
                }

                return await RunHost.RunAsync(live, settings.Port, logs: null, cancellationToken, web, listen).ConfigureAwait(false);
            }

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
