using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lumen.Cli.Bench;
using Spectre.Console;
using Spectre.Console.Cli;
using Lumen.Core.Json;

namespace Lumen.Cli.Commands.Bench;

/// <summary><c>lumen bench canary [--seeds N] [--json]</c>: Lumen's judge against Kayenta's and Flagger's rules on the simulator corpus.</summary>
internal sealed class BenchCanaryCommand(IAnsiConsole console) : Command<BenchCanarySettings>
{
    public override int Execute(CommandContext context, BenchCanarySettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Seeds < 1 || settings.MaxIntervals < 10 || settings.GeneratedIntervals < 20)
        {
            console.MarkupLine("[red]error:[/] --seeds must be ≥ 1, --max-intervals ≥ 10 and --generated-intervals ≥ 20.");
            return ExitCodes.BadInput;
        }

        if (settings.Suite is not ("all" or "corpus" or "clustered"))
        {
            console.MarkupLineInterpolated($"[red]error:[/] --suite must be all, corpus or clustered, not '{settings.Suite}'.");
            return ExitCodes.BadInput;
        }

        var bench = new CanaryBench(settings.Seeds, settings.MaxIntervals);
        var results = settings.Suite == "clustered" ? [] : bench.Run(CanaryBenchScenario.Corpus.Where(s => Selected(s.Name, settings)));
        var clustered = settings.Suite == "corpus" ? [] : new ClusteredBench(settings.Seeds, settings.GeneratedIntervals, settings.MaxIntervals).Run(ClusteredScenario.Corpus.Where(s => Selected(s.Name, settings)));
        if (settings.Json)
        {
            var options = new ObjectJsonOptions(JsonNamingPolicy.SnakeCaseLower, Writer: new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }, NamedFloatingPointLiterals: true);
            console.Profile.Out.Writer.WriteLine(ObjectJson.Serialize(new { seeds = settings.Seeds, max_intervals = settings.MaxIntervals, generated_intervals = settings.GeneratedIntervals, interval_seconds = 30, fixed_horizon_intervals = bench.FixedHorizonIntervals, results, clustered }, options));
            return ExitCodes.Ok;
        }

        if (results.Count > 0)
        {
            WriteCorpus(results, settings, bench);
        }

        if (clustered.Count > 0)
        {
            WriteClustered(clustered, settings);
        }

        return ExitCodes.Ok;
    }

    private void WriteClustered(IReadOnlyList<ClusteredBenchResult> results, BenchCanarySettings settings)
    {
        var table = new Table().AddColumns("scenario", "load", "α", "fail", "pass", "inconclusive", "median to fail", "oracle SPRT median", "÷ oracle", "interval+request", "dispersion errors", "dispersion latency", "failed gates", "undecided gates");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Scenario), r.Load, F2(r.Alpha), $"{r.Fails}/{r.Runs}", $"{r.Passes}/{r.Runs}", $"{r.Inconclusive}/{r.Runs}", F(r.MedianIntervalsToFail),
                r.OracleDetected > 0 ? $"{F(r.OracleMedianToFail)} ({r.OracleDetected}/{r.Runs})" : "-", F2(r.TimeRatio), Pct(r.RequestModelShare), F2(r.MedianErrorDispersion), F2(r.MedianLatencyDispersion), Markup.Escape(r.FailedGates), Markup.Escape(r.WaitingGates));
        }

        console.Write(table);
        console.WriteLine($"clustered suite: {settings.Seeds} seeds per scenario; generated records {settings.GeneratedIntervals} intervals of 30 s (prod policy), trace {settings.MaxIntervals}.");
    }

    private void WriteCorpus(IReadOnlyList<CanaryBenchMethodResult> results, BenchCanarySettings settings, CanaryBench bench)
    {
        var table = new Table().AddColumns("scenario", "method", "fail", "pass", "inconclusive", "median intervals to fail", "median intervals to decision");
        foreach (var r in results)
        {
            table.AddRow(r.Scenario, r.Method, Pct(r.FailRate), Pct(r.PassRate), Pct(r.InconclusiveRate), F(r.MedianIntervalsToFail), F(r.MedianIntervalsToDecision));
        }

        console.Write(table);
        console.WriteLine($"{settings.Seeds} seeds per scenario, {settings.MaxIntervals} intervals of 30 s at most; fixed-horizon test: {F(bench.FixedHorizonIntervals)} intervals.");
    }

    private static bool Selected(string name, BenchCanarySettings settings) =>
        settings.Scenario is null || name.Contains(settings.Scenario, StringComparison.OrdinalIgnoreCase);

    private static string F2(double value) => double.IsNaN(value) ? "-" : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Pct(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("0.#", CultureInfo.InvariantCulture);
}
