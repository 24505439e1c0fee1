using System.Collections.Immutable;
using System.Globalization;
using Lumen.Simulator.Environments;

namespace Lumen.Simulator.Traces;

/// <summary>
/// Reads a user's traffic trace: a CSV file of <c>timestamp,value</c> lines (a header line is
/// optional), timestamps ISO 8601 or Unix seconds, strictly increasing, values non-negative rates in
/// any unit (the load scales the maximum to its <c>peak_rps</c>). Samples are resampled linearly onto
/// the spacing of the first two, so gaps and jitter are tolerated. Every bad line is reported with
/// its file and line number.
/// </summary>
internal static class TraceCsv
{
    private const int MaxSamples = 10_000_000;

    public static TraceData? Read(string path, string name, List<EnvironmentError> errors)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new EnvironmentError(path, 0, 0, $"cannot read the trace: {e.Message}"));
            return null;
        }

        var times = new List<double>();
        var values = new List<double>();
        var before = errors.Count;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var comma = line.IndexOf(',', StringComparison.Ordinal);
            var timeText = comma < 0 ? line : line[..comma].Trim();
            var valueText = comma < 0 ? string.Empty : line[(comma + 1)..].Trim();
            var hasTime = TryTime(timeText, out var seconds);
            if (times.Count == 0 && errors.Count == before && !hasTime)
            {
                continue; // the header
            }

            if (comma < 0 || valueText.Contains(',', StringComparison.Ordinal))
            {
                errors.Add(new EnvironmentError(path, i + 1, 1, $"expected 'timestamp,value', got '{Shorten(line)}'"));
                continue;
            }

            if (!hasTime)
            {
                errors.Add(new EnvironmentError(path, i + 1, 1, $"expected a timestamp (ISO 8601 or Unix seconds), got '{Shorten(timeText)}'"));
                continue;
            }

            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
            {
                errors.Add(new EnvironmentError(path, i + 1, comma + 2, $"expected a non-negative number, got '{Shorten(valueText)}'"));
                continue;
            }

            if (times.Count > 0 && seconds <= times[^1])
            {
                errors.Add(new EnvironmentError(path, i + 1, 1, $"timestamp '{timeText}' is not after the previous sample's"));
                continue;
            }

            times.Add(seconds);
            values.Add(value);
        }

        if (errors.Count > before)
        {
            return null;
        }

        if (values.Count < 2)
        {
            errors.Add(new EnvironmentError(path, 0, 0, "a trace needs at least two samples"));
            return null;
        }

        if (values.Max() <= 0)
        {
            errors.Add(new EnvironmentError(path, 0, 0, "every sample is 0: there is no load to scale"));
            return null;
        }

        var interval = times[1] - times[0];
        var count = (long)Math.Floor((times[^1] - times[0]) / interval + 1e-9) + 1;
        if (count > MaxSamples)
        {
            errors.Add(new EnvironmentError(path, 0, 0, $"the samples' spacing ({interval} s) over the trace's span gives more than {MaxSamples} points"));
            return null;
        }

        return new TraceData(name, interval, Resample(times, values, interval, (int)count));
    }

    private static ImmutableArray<double> Resample(List<double> times, List<double> values, double interval, int count)
    {
        var grid = ImmutableArray.CreateBuilder<double>(count);
        var j = 0;
        for (var k = 0; k < count; k++)
        {
            var t = times[0] + k * interval;
            while (j + 1 < times.Count - 1 && times[j + 1] <= t)
            {
                j++;
            }

            var span = times[j + 1] - times[j];
            var fraction = Math.Clamp((t - times[j]) / span, 0, 1);
            grid.Add(values[j] + fraction * (values[j + 1] - values[j]));
        }

        return grid.MoveToImmutable();
    }

    private static bool TryTime(string text, out double seconds)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && double.IsFinite(seconds))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            seconds = time.ToUnixTimeMilliseconds() / 1000.0;
            return true;
        }

        seconds = 0;
        return false;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
