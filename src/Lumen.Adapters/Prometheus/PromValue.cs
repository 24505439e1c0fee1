using System.Globalization;

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// Parses a sample value as the Prometheus HTTP API writes it: a JSON string holding a Go float,
/// e.g. <c>"0.25"</c>, <c>"1e-05"</c>, <c>"NaN"</c>, <c>"+Inf"</c>, <c>"-Inf"</c>
/// (https://prometheus.io/docs/prometheus/latest/querying/api/#expression-query-result-formats).
/// </summary>
/// <remarks>
/// .NET's <see cref="double.TryParse(string?, NumberStyles, IFormatProvider?, out double)"/> knows
/// "Infinity" and "NaN" but rejects "+Inf", and a caller that ignores the false return reads 0: a
/// broken service would look perfect. So the special values are matched explicitly, and a text that
/// is neither a special value nor a plain number is refused, never defaulted.
/// </remarks>
internal static class PromValue
{
    public static bool TryParse(string? text, out double value)
    {
        switch (text)
        {
            case "NaN":
                value = double.NaN;
                return true;
            case "+Inf" or "Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case null or "":
                value = double.NaN;
                return false;
        }

        // AllowLeadingSign | AllowDecimalPoint | AllowExponent, no thousands separators, no spaces:
        // Go's strconv.FormatFloat never writes them, so seeing one means the answer is not Prometheus'.
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (double.TryParse(text, style, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return true;
        }

        value = double.NaN;
        return false;
    }

    /// <summary>How Prometheus would write the value (for reasons shown to people).</summary>
    public static string Format(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
