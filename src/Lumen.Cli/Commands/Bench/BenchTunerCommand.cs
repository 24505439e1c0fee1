using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lumen.Cli.Bench.Tuner;
using Lumen.Cli.Demo;
using Lumen.Simulator.Environments;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Bench;

/// <summary>
/// <c>lumen bench tuner [--env NAME|PATH ...] [--seeds N] [--days D] [--policy NAME ...] [--json]</c>:
/// the anchors (static, best fixed, hourly schedule on the noise-free model) and the policies
/// (static, random, ε-greedy, LinUCB-v1, conservative LinUCB-v1, the oracle and lumen) through the
/// same loop and guard on the simulator (docs/benchmarks-tuner.md).
/// </summary>
internal sealed class BenchTunerCommand(IAnsiConsole console) : AsyncCommand<BenchTunerSettings>
{
    /// <summary>The longest run <c>--days</c> accepts.</summary>
    public const double MaxDays = 7;

    public override async Task<int> ExecuteAsync(CommandContext context, BenchTunerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Seeds < 1 || !(settings.Days > 0 && settings.Days <= MaxDays) || settings.Parallel is < 1)
        {
            console.MarkupLineInterpolated($"[red]error:[/] --seeds must be ≥ 1, --days in (0, {MaxDays}]] and --parallel ≥ 1 (got --seeds {settings.Seeds}, --days {settings.Days}).");
            return ExitCodes.BadInput;
        }

        var policies = new List<string>();
        foreach (var name in settings.Policy)
        {
            var policy = TunerPolicyNames.Parse(name);
            if (policy is null)
            {
                console.MarkupLineInterpolated($"[red]error:[/] --policy '{name}' is not a policy (known: {string.Join(", ", TunerPolicyNames.All)}).");
                return ExitCodes.BadInput;
            }

            policies.Add(policy);
        }

        var environments = new List<SimEnvironment>();
        foreach (var name in settings.Env.Length > 0 ? settings.Env : [.. EnvironmentLoader.EmbeddedNames])
        {
            var loaded = SimEnvironments.Loader.Load(name);
            if (!loaded.IsValid)
            {
                console.MarkupLineInterpolated($"[red]error:[/] environment '{name}' is not valid: {string.Join("; ", loaded.Errors)}");
                return ExitCodes.BadInput;
            }

            environments.Add(loaded.Environment!);
        }

        var parallelism = settings.Parallel ?? Environment.ProcessorCount;
        var stopwatch = Stopwatch.StartNew();
        var bench = new TunerBench(settings.Seeds, settings.Days, parallelism, policies.Count > 0 ? policies : null);
        var report = await bench.RunAsync(environments, settings.Json ? null : line => console.WriteLine("  " + line), cancellationToken)
            .ConfigureAwait(false);
        stopwatch.Stop();
        if (settings.Json)
        {
            var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            console.Profile.Out.Writer.WriteLine(TunerBenchJson.Build(report, settings.Seeds, settings.Days, stopwatch.Elapsed).ToJsonString(options));
            return ExitCodes.Ok;
        }

        console.Write(AnchorTable(report));
        console.Write(ResultTable(report));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{settings.Seeds} seeds × {settings.Days} simulated days per environment; reward = Σ canary true health per tick and service; means over seeds; anchors {report.AnchorWall.TotalSeconds:0.0} s, total {stopwatch.Elapsed.TotalSeconds:0.0} s wall."));
        return ExitCodes.Ok;
    }

    private static Table AnchorTable(TunerBenchReport report)
    {
        var table = new Table().AddColumns("env", "static", "best_fixed", "hourly_schedule", "best_fixed config", "search s");
        foreach (var a in report.Anchors)
        {
            var config = string.Join("; ", a.BySeed[0].Services.Select(s =>
                $"{s.Service}: {string.Join(", ", s.BestFixed.Select(k => $"{k.Knob}={F(k.Value, "0.##")}"))}"));
            table.AddRow(Markup.Escape(a.Environment), F(a.Static, "0.0"), F(a.BestFixed, "0.0"), F(a.HourlySchedule, "0.0"),
                Markup.Escape(config + (a.SeedDependent ? " (seed 1)" : "")), F(a.Elapsed.TotalSeconds, "0.0"));
        }

        return table;
    }

    private static Table ResultTable(TunerBenchReport report)
    {
        var table = new Table().AddColumns("env", "policy", "reward", "gap closed (± s.e.)", "gap closed vs static run", "hours ≥ 0.95 static", "worst hour ÷ static",
            "gap closed per day", "vs static (± s.e.)", "regret vs oracle", "SLO margin", "SLO-violation min", "adjustments", "brake rollbacks");
        foreach (var s in report.Results)
        {
            table.AddRow(Markup.Escape(s.Environment), TunerPolicyNames.Display(s.Policy), F(s.Reward, "0.0"),
                $"{F(s.GapClosed, "0.000")} ± {F(s.GapClosedStdError, "0.000")}", F(s.GapClosedPaired, "0.000"), F(s.HoursAtLeast095Static, "0.000"),
                F(s.WorstHourRatioToStatic, "0.000"), string.Join(" ", s.LearningCurve.Select(v => F(v, "0.00"))),
                $"{F(s.PairedDiffVsStatic, "+0.0;-0.0;0.0")} ± {F(s.PairedDiffVsStaticStdError, "0.0")}", F(s.RegretVsOracle, "0.0"),
                F(s.SloMargin, "0.000"), F(s.SloViolationMinutes, "0"), F(s.Adjustments, "0.0"), F(s.BrakeRollbacks, "0.0"));
        }

        return table;
    }

    private static string F(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
