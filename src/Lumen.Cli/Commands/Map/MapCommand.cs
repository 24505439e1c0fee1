using Lumen.Adapters.Traces;
using Lumen.Core.Rhythm;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Map;

/// <summary>
/// <c>lumen map --trace FILE.csv [--period 24h] [--format table|csv|json]</c>: shows how the rhythm
/// mapper reads a traffic trace, point by point (load, phase, label) and as a whole (period, peak,
/// amplitude, strength). Read → pure map → print; bad input exits with <see cref="ExitCodes.BadInput"/>.
/// </summary>
internal sealed class MapCommand(IAnsiConsole console) : Command<MapSettings>
{
    public override int Execute(CommandContext context, MapSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Trace))
        {
            return BadInput("--trace FILE is required (a CSV with the header timestamp,value).");
        }

        if (!DurationText.TryParse(settings.Period, out var period) || period < TimeSpan.FromSeconds(1))
        {
            return BadInput($"--period '{settings.Period}' is not a duration of at least 1s (e.g. 24h, 90m, 7d, 3600s).");
        }

        string format = settings.Format.Trim().ToLowerInvariant();
        if (format is not ("table" or "csv" or "json"))
        {
            return BadInput($"--format '{settings.Format}' is unknown; use table, csv or json.");
        }

        var trace = TraceCsvReader.Read(settings.Trace);
        if (!trace.IsOk)
        {
            return BadInput(trace.Error.ToString());
        }

        var options = RhythmOptions.Default with { Period = period };
        var mapped = RhythmMapper.MapSeries(trace.Samples.AsSpan(), options);
        if (!mapped.IsOk)
        {
            return BadInput($"{settings.Trace}: not enough history to fit a {DurationText.Format(period)} rhythm: {mapped.NotEnoughHistory}.");
        }

        var output = new MapOutput(settings.Trace, options, mapped.Value);
        switch (format)
        {
            case "csv":
                output.WriteCsv(console.Profile.Out.Writer);
                break;
            case "json":
                output.WriteJson(console.Profile.Out.Writer);
                break;
            default:
                output.WriteTable(console);
                break;
        }

        return ExitCodes.Ok;
    }

    private int BadInput(string message)
    {
        console.MarkupLineInterpolated($"[red]error:[/] {message}");
        return ExitCodes.BadInput;
    }
}
