using System.Diagnostics;
using System.Globalization;
using Lumen.Cli.Demo;
using Lumen.Cli.Live;
using Lumen.Runtime.Loop;
using Lumen.Simulator.Environments;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Demo;

/// <summary>
/// <c>lumen demo [--env NAME|PATH] [--days D] [--seed N] [--out DIR]</c>: the whole loop on the
/// embedded simulator (docs/simulator.md, docs/demo.md). Exit 0 when the ledger it wrote verifies, 1 when
/// not, 2 on bad arguments or an invalid environment.
/// </summary>
internal sealed class DemoCommand(IAnsiConsole console, TimeProvider time) : AsyncCommand<DemoSettings>
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(150);

    public override async Task<int> ExecuteAsync(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Live)
        {
            return await RunLiveDemoAsync(settings, cancellationToken).ConfigureAwait(false);
        }

        if (!(settings.Days > 0 && settings.Days <= 365))
        {
            console.MarkupLineInterpolated($"[red]lumen demo:[/] --days must be in (0, 365], not {settings.Days}.");
            return ExitCodes.BadInput;
        }

        if (settings.Tuner is not ("lumen" or "linucb"))
        {
            console.MarkupLineInterpolated($"[red]lumen demo:[/] --tuner must be lumen or linucb, not '{settings.Tuner}'.");
            return ExitCodes.BadInput;
        }

        var loaded = SimEnvironments.Loader.Load(settings.Env);
        if (!loaded.IsValid)
        {
            console.MarkupLineInterpolated($"[red]lumen demo:[/] environment '{settings.Env}' is not valid:");
            foreach (var error in loaded.Errors)
            {
                console.WriteLine("  " + error);
            }

            return ExitCodes.BadInput;
        }

        var options = new DemoOptions(settings.Env, settings.Days, settings.Seed, settings.OutputDirectory, !settings.NoLastAct)
        {
            Tuner = settings.Tuner == "linucb" ? TunerKind.LinUcb : TunerKind.Lumen,
        };
        if (settings.Interactive)
        {
            // The question needs the terminal, so the live view is off; whoever answers is the approver.
            var who = Environment.GetEnvironmentVariable("USER") is { Length: > 0 } user ? user : "operator";
            options = options with
            {
                Approver = who,
                Ask = (service, plan) => console.Confirm($"Approve promoting {service}'s canary configuration to its baseline ({plan})?", defaultValue: false),
            };
        }

        var environment = loaded.Environment!;
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"[bold]lumen demo[/]: environment [aqua]{environment.Name}[/], {settings.Days} simulated days, seed {settings.Seed}, services {string.Join(", ", environment.Services.Select(s => s.Name))}; output {Path.GetFullPath(settings.OutputDirectory)}");
        var result = !settings.Interactive && console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected
            ? await RunLiveAsync(environment, options, cancellationToken).ConfigureAwait(false)
            : await RunPlainAsync(environment, options, cancellationToken).ConfigureAwait(false);
        Summary(result);
        return result.Verification.IsValid ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary><c>--live</c>: real demo services and Prometheus (docs/live.md, "lumen demo --live").</summary>
    private async Task<int> RunLiveDemoAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        var duration = settings.Seconds is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.FromMinutes(settings.Minutes);
        if (!(duration > TimeSpan.Zero && duration <= TimeSpan.FromHours(24)))
        {
            console.MarkupLineInterpolated($"[red]lumen demo --live:[/] --minutes must be in (0, 1440], not {settings.Minutes}.");
            return ExitCodes.BadInput;
        }

        return await LiveDemo.RunAsync(console, new LiveDemoOptions(settings.OutputDirectory, duration, (int)(settings.Seed % int.MaxValue), settings.FixedPorts),
            Environment.GetEnvironmentVariable, time, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DemoResult> RunLiveAsync(SimEnvironment environment, DemoOptions options, CancellationToken cancellationToken)
    {
        DemoResult? result = null;
        await console.Live(new Text("starting…")).AutoClear(false).StartAsync(async live =>
        {
            var last = Stopwatch.StartNew();
            result = await DemoRunner.RunAsync(environment, options, p =>
            {
                if (last.Elapsed >= Refresh || p.Tick == p.Ticks)
                {
                    live.UpdateTarget(DemoView.Render(p));
                    live.Refresh();
                    last.Restart();
                }
            }, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result!;
    }

    private async Task<DemoResult> RunPlainAsync(SimEnvironment environment, DemoOptions options, CancellationToken cancellationToken)
    {
        var every = Math.Max(1, (long)(6 * 3600 / environment.TickSeconds));
        return await DemoRunner.RunAsync(environment, options, p =>
        {
            if (p.Tick % every == 0 || p.Tick == p.Ticks)
            {
                console.WriteLine(DemoView.Line(p));
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private void Summary(DemoResult result)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("demo summary").AddColumns("", "");
        table.AddRow("ticks", result.Ticks.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("wall time", result.Elapsed.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture));
        foreach (var (kind, count) in result.Counts)
        {
            table.AddRow(kind, count.ToString("N0", CultureInfo.InvariantCulture));
        }

        foreach (var (service, canary, baseline) in result.Health)
        {
            table.AddRow($"{service} mean health", string.Create(CultureInfo.InvariantCulture, $"canary {canary:0.000} vs baseline {baseline:0.000}"));
        }

        if (result.LastAct is { } act)
        {
            table.AddRow("last act: promotion", string.Join(", ", act.Checks.Select(c =>
                $"{c.Key} {c.Value.ToString().ToLowerInvariant()}{(act.Promoted.Contains(c.Key) ? ", promoted" : "")}")));
            table.AddRow("last act: bad release", $"{act.ReleaseService} {act.ReleaseCheck.ToString().ToLowerInvariant()}{(act.RolledBack ? ", rolled back" : "")}");
            table.AddRow("last act wall time", act.Elapsed.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture));
        }

        table.AddRow("ledger", Markup.Escape($"{result.LedgerPath}: {result.Verification.Summary}"));
        table.AddRow("metrics", Markup.Escape(result.MetricsPath));
        table.AddRow("report", Markup.Escape(result.ReportPath));
        table.AddRow("charts", Markup.Escape(string.Join(", ", result.Charts.Select(Path.GetFileName))));
        console.Write(table);
    }
}
