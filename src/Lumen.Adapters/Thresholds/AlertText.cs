using System.Globalization;

namespace Lumen.Adapters.Thresholds;

/// <summary>
/// An annotation with the placeholders <c>{service}</c>, <c>{track}</c> and <c>{value}</c>. It becomes
/// a Go template for Prometheus (<see cref="ToTemplate"/>) and, for the promtool unit tests, the exact
/// text Prometheus will render for given labels and value (<see cref="Render"/>), so one definition
/// serves both and the tests check the templates too.
/// </summary>
internal static class AlertText
{
    public static string ToTemplate(string text, ValueFormat format) => text
        .Replace("{service}", "{{ $labels.service }}", StringComparison.Ordinal)
        .Replace("{track}", "{{ $labels.track }}", StringComparison.Ordinal)
        .Replace("{value}", format switch
        {
            ValueFormat.Duration => "{{ $value | humanizeDuration }}",
            ValueFormat.Percentage => "{{ $value | humanizePercentage }}",
            ValueFormat.Whole => "{{ $value | printf \"%.0f\" }}",
            ValueFormat.TwoDecimals => "{{ $value | printf \"%.2f\" }}",
            _ => "{{ $value }}",
        }, StringComparison.Ordinal);

    public static string Render(string text, IReadOnlyDictionary<string, string> labels, double value, ValueFormat format) => text
        .Replace("{service}", labels.GetValueOrDefault("service", ""), StringComparison.Ordinal)
        .Replace("{track}", labels.GetValueOrDefault("track", ""), StringComparison.Ordinal)
        .Replace("{value}", FormatValue(value, format), StringComparison.Ordinal);

    /// <summary>What Prometheus' template functions print for <paramref name="value"/> (Go's %.4g ≈ .NET's G4
    /// for the few-digit values the generated tests use).</summary>
    public static string FormatValue(double value, ValueFormat format) => format switch
    {
        ValueFormat.Duration => HumanizeDuration(value),
        ValueFormat.Percentage => G4(value * 100) + "%",
        ValueFormat.Whole => value.ToString("F0", CultureInfo.InvariantCulture),
        ValueFormat.TwoDecimals => value.ToString("F2", CultureInfo.InvariantCulture),
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    // Prometheus template.go humanizeDuration: below 1 s with an SI prefix, below a minute "%.4gs",
    // otherwise days/hours/minutes/seconds.
    private static string HumanizeDuration(double v)
    {
        if (v == 0)
        {
            return "0s";
        }

        if (Math.Abs(v) < 1)
        {
            string[] prefixes = ["m", "u", "n", "p"];
            var prefix = "";
            foreach (var p in prefixes)
            {
                if (Math.Abs(v) >= 1)
                {
                    break;
                }

                prefix = p;
                v *= 1000;
            }

            return G4(v) + prefix + "s";
        }

        var total = (long)v;
        var (days, hours, minutes, seconds) = (total / 86400, total / 3600 % 24, total / 60 % 60, total % 60);
        var inv = CultureInfo.InvariantCulture;
        return days != 0 ? string.Create(inv, $"{days}d {hours}h {minutes}m {seconds}s")
            : hours != 0 ? string.Create(inv, $"{hours}h {minutes}m {seconds}s")
            : minutes != 0 ? string.Create(inv, $"{minutes}m {seconds}s")
            : G4(v) + "s";
    }

    private static string G4(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
