using System.Globalization;

namespace Lumen.Cli.Commands.Ledger;

/// <summary>Parses <c>--since</c>: an RFC 3339 time, or a duration before now (<see cref="DurationText"/>: 90s, 30m, 2h, 1.5d).</summary>
internal static class LedgerSince
{
    private static readonly string[] Rfc3339 = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"];

    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        if (DurationText.TryParse(text, out var ago))
        {
            since = now - ago;
            return true;
        }

        return DateTimeOffset.TryParseExact(text, Rfc3339, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal,
            out since);
    }
}
