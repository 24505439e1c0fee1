using System.Globalization;

namespace Lumen.Cli;

/// <summary>Durations as people type them on the command line: <c>3600s</c>, <c>90m</c>, <c>24h</c>, <c>7d</c>.</summary>
internal static class DurationText
{
    /// <summary>Parses a positive number (decimals allowed) followed by one unit s, m, h or d.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        string trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length < 2)
        {
            return false;
        }

        double? unitSeconds = char.ToLowerInvariant(trimmed[^1]) switch
        {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            _ => null,
        };
        if (unitSeconds is not { } unit
            || !double.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount)
            || !(amount > 0)
            || amount * unit > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(amount * unit);
        return true;
    }

    /// <summary>An exact compact form: <c>24h</c>, <c>90m</c>, <c>7d</c>, <c>1h30m</c>, <c>1h1s</c> (days only from 2 days, so a day reads <c>24h</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return duration.ToString("c", CultureInfo.InvariantCulture);
        }

        var parts = new List<string>();
        long seconds = duration.Ticks / TimeSpan.TicksPerSecond;
        foreach (var (unit, size) in new[] { ("d", 86400L), ("h", 3600L), ("m", 60L), ("s", 1L) })
        {
            if (seconds >= size && (unit != "d" || seconds >= 2 * size))
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds / size}{unit}"));
                seconds %= size;
            }
        }

        return parts.Count == 0 ? "0s" : string.Concat(parts);
    }
}
