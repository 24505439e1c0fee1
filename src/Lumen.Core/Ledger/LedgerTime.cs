using System.Globalization;

namespace Lumen.Core.Ledger;

/// <summary>
/// Timestamps in the ledger: RFC 3339, UTC, always three fractional digits, e.g.
/// <c>2025-11-25T18:21:07.042Z</c>. Fixed precision keeps the canonical form unique.
/// </summary>
public static class LedgerTime
{
    /// <summary>The exact format (invariant culture).</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Converts to UTC and drops everything below a millisecond.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>Formats a (normalised) time.</summary>
    public static string ToText(DateTimeOffset value) =>
        Normalize(value).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses exactly the ledger format; anything else is rejected.</summary>
    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
