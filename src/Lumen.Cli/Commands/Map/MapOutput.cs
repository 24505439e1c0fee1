using System.Globalization;
using System.Text.Json;
using Lumen.Core.Rhythm;
using Spectre.Console;

namespace Lumen.Cli.Commands.Map;

/// <summary>The three renderings of a mapped trace for <c>lumen map</c> (documented in docs/rhythm.md).</summary>
/// <remarks>Per-point lines go straight to the console's writer: thousands of rows must neither wrap nor crawl.</remarks>
internal sealed class MapOutput(string trace, RhythmOptions options, RhythmSeries series)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private RhythmFit Fit => series.Fit;

    private bool IsDaily => Fit.Period == TimeSpan.FromDays(1);

    private string PeakName => IsDaily ? "peak_time_of_day" : "peak_within_period";

    private string TroughName => IsDaily ? "trough_time_of_day" : "trough_within_period";

    public void WriteTable(IAnsiConsole console)
    {
        var grid = new Grid().AddColumn().AddColumn();
        foreach (var (name, value) in Summary())
        {
            grid.AddRow(new Text(name), new Text(value));
        }

        console.Write(grid);
        console.WriteLine();

        var writer = console.Profile.Out.Writer;
        writer.WriteLine(string.Create(Invariant, $"{"timestamp",-25} {"rps",12} {"load",7} {"phase",6}  label"));
        foreach (var p in series.Points)
        {
            writer.WriteLine(string.Create(
                Invariant,
                $"{Stamp(p.Timestamp),-25} {Number(p.Rps, "0.###"),12} {Number(p.Load, "0.000"),7} {Number(p.Phase, "0.000"),6}  {Label(p.Label)}"));
        }

        writer.Flush();
    }

    public void WriteCsv(TextWriter writer)
    {
        foreach (var (name, value) in Summary())
        {
            writer.WriteLine($"# {name}: {value}");
        }

        writer.WriteLine("timestamp,rps,load,phase,phase_label");
        foreach (var p in series.Points)
        {
            writer.WriteLine(string.Create(
                Invariant,
                $"{Stamp(p.Timestamp)},{Number(p.Rps, "R", "")},{Number(p.Load, "0.######", "")},{Number(p.Phase, "0.######", "")},{Label(p.Label)}"));
        }

        writer.Flush();
    }

    public void WriteJson(TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,

            // Timestamps carry "+00:00"; the default encoder would write \u002B. The output is not embedded in HTML.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            json.WriteString("trace", trace);
            json.WriteString("period", DurationText.Format(Fit.Period));
            json.WriteNumber("period_seconds", Fit.Period.TotalSeconds);
            json.WriteString(PeakName, Clock(series.PeakWithinPeriod));
            json.WriteString(TroughName, Clock(Fit.TroughWithinPeriod(series.UtcOffset)));
            json.WriteString("utc_offset", Offset(series.UtcOffset));
            json.WriteNumber("mean_rps", Fit.Mean);
            json.WriteNumber("amplitude_rps", Fit.Amplitude);
            json.WriteNumber("rhythm_strength", Fit.Strength);
            json.WriteNumber("rhythm_strength_threshold", options.RhythmStrengthThreshold);
            json.WriteBoolean("phase_known", Fit.HasRhythm);
            json.WriteNumber("high_water_rps", series.HighWaterRps);
            json.WriteNumber("points_total", series.Points.Length);
            json.WriteNumber("points_usable", Fit.ValidPoints);
            json.WriteStartArray("points");
            foreach (var p in series.Points)
            {
                json.WriteStartObject();
                json.WriteString("timestamp", Stamp(p.Timestamp));
                WriteNullable(json, "rps", double.IsFinite(p.Rps) ? p.Rps : null);
                WriteNullable(json, "load", p.Load);
                WriteNullable(json, "phase", p.Phase);
                json.WriteString("phase_label", Label(p.Label));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        writer.Flush();
    }

    private IEnumerable<(string Name, string Value)> Summary()
    {
        yield return ("trace", trace);
        yield return ("points", string.Create(Invariant, $"{series.Points.Length} ({Fit.ValidPoints} with a usable value)"));
        yield return ("period", DurationText.Format(Fit.Period) + " (given with --period, not estimated)");
        yield return (PeakName, $"{Clock(series.PeakWithinPeriod)} (UTC{Offset(series.UtcOffset)})");
        yield return (TroughName, Clock(Fit.TroughWithinPeriod(series.UtcOffset)));
        yield return ("mean_rps", Fit.Mean.ToString("0.###", Invariant));
        yield return ("amplitude_rps", Fit.Amplitude.ToString("0.###", Invariant));
        yield return ("rhythm_strength", string.Create(
            Invariant,
            $"{Fit.Strength:0.000} (R² of the fit; threshold {options.RhythmStrengthThreshold:0.###}: phase {(Fit.HasRhythm ? "known" : "unknown")})"));
        yield return ("high_water_rps", string.Create(Invariant, $"{series.HighWaterRps:0.###} (p{options.LoadQuantile * 100:0.#} of rps; load = rps / this)"));
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Stamp(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", Invariant);

    private static string Clock(TimeSpan t) =>
        t.Days > 0 ? t.ToString(@"d\.hh\:mm\:ss", Invariant) : t.ToString(@"hh\:mm\:ss", Invariant);

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", Invariant);

    private static string Number(double? value, string format, string missing = "-") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, Invariant) : missing;

    private static string Label(PhaseLabel label) => label.ToString().ToLowerInvariant();
}
