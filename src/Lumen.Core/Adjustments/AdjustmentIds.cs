using System.Globalization;

namespace Lumen.Core.Adjustments;

/// <summary>Adjustment ids: <c>adj-000017</c>, numbered in ledger order so they are unique per ledger.</summary>
public static class AdjustmentIds
{
    private const string Prefix = "adj-";

    public static string Format(long number) => Prefix + number.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The number in an id, or null when it is not one of ours.</summary>
    public static long? TryNumber(string id) =>
        id.StartsWith(Prefix, StringComparison.Ordinal)
        && long.TryParse(id.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
}
