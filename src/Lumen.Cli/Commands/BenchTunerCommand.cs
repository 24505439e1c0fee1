using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lumen.Cli.Bench.Tuner;
using Lumen.Simulator.Environments;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands;

/// <summary>
/// <c>lumen bench tuner [--env NAME ...] [--seeds N] [--days D] [--json]</c>: static, random,
/// ε-greedy, LinUCB, conservative LinUCB and the oracle through the same loop and guard on the
/// simulator (docs/benchmarks-tuner.md).
/// </summary>
internal sealed class BenchTunerCommand(IAnsiConsole console) : AsyncCommand<BenchTunerSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchTunerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Seeds < 1 || !(settings.Days > 0 && settings.Days <= 30) || settings.Parallel is < 1)
        {
            console.MarkupLine("[red]error:[/] --seeds must be ≥ 1, --days in (0, 30] and --parallel ≥ 1.");
            return ExitCodes.BadInput;
        }

        var environments = new List<SimEnvironment>();
        foreach (var name in settings.Env.Length > 0 ? settings.Env : [.. EnvironmentLoader.EmbeddedNames])
        {
            var loaded = EnvironmentLoader.Load(name);
            if (!loaded.IsValid)
            {
                console.MarkupLineInterpolated($"[red]error:[/] environment '{name}' is not valid: {string.Join("; ", loaded.Errors)}");
                return ExitCodes.BadInput;
            }

            environments.Add(loaded.Environment!);
        }

        var parallelism = settings.Parallel ?? Environment.ProcessorCount;
        var stopwatch = Stopwatch.StartNew();
        var bench = new TunerBench(settings.Seeds, settings.Days, parallelism);
        var summaries = await bench.RunAsync(environments, settings.Json ? null : line => console.WriteLine("  " + line), cancellationToken)
            .ConfigureAwait(false);
        stopwatch.Stop();
        if (settings.Json)
        {
            var options = new JsonSerializerOptions
            {
                WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
            };
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new
            {
                seeds = settings.Seeds,
                days = settings.Days,
                environments = environments.Select(e => e.Name).ToArray(),
                wall_seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 1),
                results = summaries,
            }, options));
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("env", "policy", "reward", "vs static", "regret (± s.e.)", "SLO-violation min",
            "adjustments", "brake rollbacks", "worst hourly ÷ static");
        foreach (var s in summaries)
        {
            table.AddRow(s.Environment, s.Policy, F(s.Reward, "0.0"), F(s.GainOverStatic, "+0.0;-0.0;0.0"),
                $"{F(s.Regret, "0.0")} ± {F(s.RegretStdError, "0.0")}", F(s.SloViolationMinutes, "0"), F(s.Adjustments, "0.0"),
                F(s.BrakeRollbacks, "0.0"), F(s.WorstHourlyRatioToStatic, "0.000"));
        }

        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{settings.Seeds} seeds × {settings.Days} simulated days per environment; reward = Σ canary true health per tick and service; means over seeds; {stopwatch.Elapsed.TotalSeconds:0.0} s wall."));
        return ExitCodes.Ok;
    }

    private static string F(double value, string format) =>
        double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
