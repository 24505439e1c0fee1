namespace Lumen.Core.Policy;

/// <summary>A Prometheus duration such as <c>5m</c> or <c>1h30m</c>: the text (substituted into
/// PromQL as written) and its value.</summary>
public readonly record struct PromDuration(string Text, TimeSpan Value)
{
    /// <summary>Parses the Prometheus duration grammar: one or more <c>&lt;int&gt;&lt;unit&gt;</c> with
    /// units ms, s, m, h, d, w, y, largest first, each at most once
    /// (https://prometheus.io/docs/prometheus/latest/querying/basics/#float-literals-and-time-durations).</summary>
    public static bool TryParse(string? text, out PromDuration duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        string[] units = ["y", "w", "d", "h", "m", "s", "ms"];
        long[] millis = [365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];
        var total = 0L;
        var lastUnit = -1;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start || i - start > 9)
            {
                return false;
            }

            var number = long.Parse(text.AsSpan(start, i - start), System.Globalization.CultureInfo.InvariantCulture);
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetterLower(text[i]))
            {
                i++;
            }

            var unit = Array.IndexOf(units, text[unitStart..i]);
            if (unit <= lastUnit)
            {
                return false;
            }

            lastUnit = unit;
            total = checked(total + (number * millis[unit]));
        }

        if (total <= 0)
        {
            return false;
        }

        duration = new PromDuration(text, TimeSpan.FromMilliseconds(total));
        return true;
    }

    public override string ToString() => Text;
}
