using System.Globalization;
using System.Text.RegularExpressions;

namespace Lumen.Cli.Commands;

/// <summary>Parses <c>--since</c>: an RFC 3339 time, or a duration before now such as 90s, 30m, 2h, 7d or 1h30m.</summary>
internal static partial class LedgerSince
{
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        var match = Duration().Match(text);
        if (match.Success)
        {
            var total = TimeSpan.Zero;
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var value = long.Parse(part.Value[..^1], CultureInfo.InvariantCulture);
                total += part.Value[^1] switch
                {
                    's' => TimeSpan.FromSeconds(value),
                    'm' => TimeSpan.FromMinutes(value),
                    'h' => TimeSpan.FromHours(value),
                    _ => TimeSpan.FromDays(value),
                };
            }

            since = now - total;
            return true;
        }

        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"],
            CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out since) && text.Length > 19;
    }

    [GeneratedRegex(@"^(?<part>[0-9]{1,6}[smhd])+$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
