using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lumen.Cli.Bench;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands;

/// <summary><c>lumen bench canary [--seeds N] [--json]</c>: Lumen's judge against Kayenta's and Flagger's rules on the simulator corpus.</summary>
internal sealed class BenchCanaryCommand(IAnsiConsole console) : Command<BenchCanarySettings>
{
    public override int Execute(CommandContext context, BenchCanarySettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Seeds < 1 || settings.MaxIntervals < 10)
        {
            console.MarkupLine("[red]error:[/] --seeds must be ≥ 1 and --max-intervals ≥ 10.");
            return ExitCodes.BadInput;
        }

        var bench = new CanaryBench(settings.Seeds, settings.MaxIntervals);
        var results = bench.Run(CanaryBenchScenario.Corpus);
        if (settings.Json)
        {
            var options = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new { seeds = settings.Seeds, max_intervals = settings.MaxIntervals, interval_seconds = 30, fixed_horizon_intervals = bench.FixedHorizonIntervals, results }, options));
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("scenario", "method", "fail", "pass", "inconclusive", "median intervals to fail", "median intervals to decision");
        foreach (var r in results)
        {
            table.AddRow(r.Scenario, r.Method, Pct(r.FailRate), Pct(r.PassRate), Pct(r.InconclusiveRate), F(r.MedianIntervalsToFail), F(r.MedianIntervalsToDecision));
        }

        console.Write(table);
        console.WriteLine($"{settings.Seeds} seeds per scenario, {settings.MaxIntervals} intervals of 30 s at most; fixed-horizon test: {F(bench.FixedHorizonIntervals)} intervals.");
        return ExitCodes.Ok;
    }

    private static string Pct(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("0.#", CultureInfo.InvariantCulture);
}
