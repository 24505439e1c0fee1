using System.Globalization;
using Lumen.Adapters.Config;
using Lumen.Adapters.LedgerStore;
using Lumen.Adapters.Textfile;
using Lumen.Cli.Hosting;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;
using Lumen.Reports;
using Lumen.Reports.Digest;
using Lumen.Runtime.Loop;
using Spectre.Console;

namespace Lumen.Cli.Live;

/// <summary>
/// <c>lumen demo --live</c> (docs/live.md): two demo-service instances and a real Prometheus on
/// loopback, load that follows a day compressed into the run, and <c>lumen run</c>'s own composition
/// (<see cref="LiveLoop"/>) acting on the canary through the <c>http</c> executor for the run's length.
/// Leaves the outputs of <c>lumen demo</c>. Every process it starts is stopped at the end, on failure
/// and on Ctrl-C/SIGTERM. Exit 0 when the ledger verifies, 1 when not, 5 when something it needs is
/// missing or would not start (nothing is left running).
/// </summary>
internal static class LiveDemo
{
    public const string InstallHint = "sudo apt-get install prometheus";

    /// <summary>With <c>--fixed-ports</c>, the demo services' admin token is read from this variable (the shipped services.yaml's <c>token_env</c>).</summary>
    public const string FixedPortsTokenEnv = "CHECKOUT_ADMIN_TOKEN";

    public static async Task<int> RunAsync(IAnsiConsole console, LiveDemoOptions options, Func<string, string?> env, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(env);
        if (Executables.FindOnPath("prometheus", env("PATH")) is not { } prometheus)
        {
            console.MarkupLine("[red]lumen demo --live:[/] needs Prometheus, and there is no [bold]prometheus[/] on PATH.");
            console.MarkupLine($"  Install it: [bold]{InstallHint}[/] (Debian, Ubuntu), or put a prometheus binary from https://prometheus.io/download/ on PATH.");
            console.MarkupLine("  Nothing was started. ([bold]lumen demo[/] without --live needs nothing: it runs on the simulator.)");
            return ExitCodes.RuntimeError;
        }

        if (Executables.DemoService(AppContext.BaseDirectory) is not { } demoService)
        {
            console.MarkupLineInterpolated($"[red]lumen demo --live:[/] the demo service ({Executables.DemoServiceDll} and its runtimeconfig) is not beside lumen.dll in {AppContext.BaseDirectory}.");
            console.MarkupLine("  The Native AOT build (make install, the container image) has no demo service: run [bold]./lumen demo --live[/] from a source checkout (./lumen rebuilds the CLI with the demo service beside it). Nothing was started.");
            return ExitCodes.RuntimeError;
        }

        var output = Path.GetFullPath(options.OutputDirectory);
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"[bold]lumen demo --live[/]: {options.Duration.TotalMinutes:0.##} min (one compressed day of traffic), a tick every {options.IntervalSeconds} s, TTL {options.TtlMinutes} min; prometheus {prometheus}; output {output}");
        // The token comes from the variable the shipped services.yaml names, so commands in another
        // terminal with the same environment can use the admin endpoints; it is never printed.
        await using var stack = options.FixedPorts
            ? LiveStack.Create(env(FixedPortsTokenEnv), LiveDemoOptions.ShippedPorts)
            : LiveStack.Create();
        using var signals = new StopSignals(cancellationToken, stack.KillAll);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ledgerPath = Path.Combine(output, FileLedgerStoreOptions.DefaultFileName);
        var stopped = false;
        try
        {
            var error = await stack.StartAsync(Executables.DotnetHost(), demoService, prometheus, options.Seed, http,
                line => console.WriteLine("  " + line), signals.Token).ConfigureAwait(false);
            if (error is not null)
            {
                console.MarkupLine("[red]lumen demo --live:[/] could not start the demo stack; everything started was stopped.");
                console.WriteLine(error ?? "");
                return ExitCodes.RuntimeError;
            }

            Directory.CreateDirectory(output);
            Clean(output, ledgerPath);
            var (build, errors) = await BuildLoopAsync(stack, options, output, time, signals.Token).ConfigureAwait(false);
            if (build is null)
            {
                console.MarkupLine("[red]lumen demo --live:[/] could not compose the loop:");
                foreach (var e in errors)
                {
                    console.WriteLine("  " + e);
                }

                return ExitCodes.RuntimeError;
            }

            await using (build.ConfigureAwait(false))
            {
                await build.Ledger.AppendAsync(new LedgerDraft(RunDigest.DemoStartedKind, LiveDemoConfig.Stage, null, "lumen-demo-live",
                    LedgerData.From(new
                    {
                        env = "live: demo service + Prometheus",
                        seed = options.Seed,
                        days = options.Duration.TotalDays,
                        tick_seconds = options.IntervalSeconds,
                        policy = "rules (latency, errors) then LinUCB (α 1.0) with the guard; http executor on the canary",
                    })), signals.Token).ConfigureAwait(false);
                await using var load = new RhythmLoad([stack.Baseline, stack.Canary], options.Load, time);
                stopped = !await TickAsync(console, build, load, options, time, signals.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && signals.Token.IsCancellationRequested)
        {
            stopped = true;
        }
        finally
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            console.WriteLine("  stopped the demo services and Prometheus, removed " + stack.TempDir);
        }

        if (stopped)
        {
            console.MarkupLineInterpolated($"[yellow]stopped early[/] ({signals.Received ?? "cancelled"}); writing the outputs of what ran.");
        }

        return File.Exists(ledgerPath) ? await ReportAsync(console, output, ledgerPath).ConfigureAwait(false) : ExitCodes.RuntimeError;
    }

    private static async Task<(LiveLoop? Loop, IReadOnlyList<string> Errors)> BuildLoopAsync(LiveStack stack, LiveDemoOptions options, string output,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var configDir = Path.Combine(stack.TempDir, "config");
        LiveDemoConfig.Write(configDir, stack.Prometheus, stack.Baseline, stack.Canary, options.IntervalSeconds, options.TtlMinutes,
            cooldownMinutes: 0, options.Window);

        // Only the token: the user's DRY_RUN, LUMEN_STAGE or Prometheus credentials do not belong to this demo.
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { [LiveDemoConfig.TokenEnv] = stack.AdminToken });
        var settings = SettingsLoader.Load(env, configDir, LiveDemoConfig.Stage);
        if (!settings.IsValid)
        {
            return (null, [.. settings.Errors.Select(e => e.ToString())]);
        }

        var build = await LiveLoop.BuildAsync(settings.Settings!, env, new LiveLoopOptions(output, time)
        {
            Rhythm = Rhythm(options.Duration),
            DryRun = false,
            PrometheusTimeout = TimeSpan.FromSeconds(2),
            PrometheusRetries = 1,
        }, cancellationToken).ConfigureAwait(false);
        return (build.Loop, build.Errors);
    }

    /// <summary>The mapper's cycle is the run: it maps once a sixth of the "day" has been seen.</summary>
    public static RhythmOptions Rhythm(TimeSpan day) => RhythmOptions.Default with
    {
        Period = day,
        MinValidPoints = 6,
        MinCoverage = 0.15,
        CoherenceHalfLife = TimeSpan.FromSeconds(Math.Max(1, day.TotalSeconds / 8)),
    };

    /// <summary>Ticks until the duration is over or a signal asks to stop (the tick in progress finishes). False when stopped early.</summary>
    private static async Task<bool> TickAsync(IAnsiConsole console, LiveLoop live, RhythmLoad load, LiveDemoOptions options,
        TimeProvider time, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.IntervalSeconds), time);
        var started = time.GetTimestamp();
        do
        {
            // Not cancelled by the signal: a tick that started finishes with its ledger entries.
            var report = await live.Loop.TickAsync(CancellationToken.None).ConfigureAwait(false);
            console.WriteLine(LiveDemoLine.Format(report, time.GetElapsedTime(started), options.Duration, load.CurrentRate,
                live.Loop.Book.Open.Count, live.Ledger.Head.Seq));
            if (time.GetElapsedTime(started) >= options.Duration)
            {
                return true;
            }
        }
        while (await WaitAsync(timer, stopping).ConfigureAwait(false));

        return false;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<int> ReportAsync(IAnsiConsole console, string output, string ledgerPath)
    {
        var reportPath = Path.Combine(output, ReportRunner.ReportFileName);
        var (verification, error) = await ReportRunner.ReportAsync(ledgerPath, reportPath, CancellationToken.None).ConfigureAwait(false);
        if (verification is null)
        {
            console.MarkupLineInterpolated($"[red]lumen demo --live:[/] the ledger cannot be read: {error}");
            return ExitCodes.Failed;
        }

        var chartsDir = Path.Combine(output, ReportRunner.ChartsFolder);
        string[] charts = Directory.Exists(chartsDir)
            ? [.. Directory.GetFiles(chartsDir, "*.png").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)]
            : [];
        var table = new Table().Border(TableBorder.Rounded).Title("demo --live summary").AddColumns("", "");
        table.AddRow("ledger", Markup.Escape($"{ledgerPath}: {verification.Summary}"));
        table.AddRow("metrics", Markup.Escape(Path.Combine(output, TextfilePublisher.DefaultFileName)));
        table.AddRow("report", Markup.Escape(reportPath));
        table.AddRow("charts", Markup.Escape(string.Join(", ", charts)));
        console.Write(table);
        console.MarkupLine("ledger verification: " + (verification.IsValid ? "[green]valid[/]" : "[red]INVALID[/]") + " (" + Markup.Escape(verification.Summary) + ")");
        return verification.IsValid ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>Every run starts fresh: the previous run's ledger, head, snapshot, report, charts, models and metrics go.</summary>
    private static void Clean(string output, string ledgerPath)
    {
        foreach (var file in new[]
                 {
                     ledgerPath, FileLedgerStoreOptions.DefaultHeadPath(ledgerPath), ledgerPath + ".lock",
                     Path.Combine(output, ReportRunner.ReportFileName), Path.Combine(output, TextfilePublisher.DefaultFileName),
                     Path.Combine(output, "adjustments.snapshot.json"),
                 })
        {
            File.Delete(file);
        }

        foreach (var folder in new[] { ReportRunner.ChartsFolder, "models" })
        {
            var path = Path.Combine(output, folder);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }
}
