using System.Globalization;

namespace Lumen.Adapters.Executors;

/// <summary>How knob values are spelled in files, HTTP bodies and command arguments: invariant culture, shortest round trip, finite only.</summary>
internal static class KnobValue
{
    /// <summary>32.0 is written "32", 0.25 "0.25": integer knobs stay integers in the target's files.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses a finite number. "NaN", "Infinity" and "+Inf" are rejected: they must never become a knob value.</summary>
    public static bool TryParse(string? text, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }
}
