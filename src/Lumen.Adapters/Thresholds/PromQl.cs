using System.Text;

namespace Lumen.Adapters.Thresholds;

/// <summary>Building PromQL text safely from names that come from the configuration.</summary>
internal static class PromQl
{
    /// <summary>A PromQL string literal (double-quoted, with <c>\</c> and <c>"</c> escaped).</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// <paramref name="value"/> as a regular expression that matches exactly it, written for the inside of
    /// a PromQL string (so a regex backslash is doubled).
    /// </summary>
    public static string LiteralRegexInString(string value)
    {
        var sb = new StringBuilder();
        foreach (var c in value)
        {
            if (@"\.^$|?*+()[]{}".Contains(c, StringComparison.Ordinal))
            {
                sb.Append(@"\\");
            }

            sb.Append(c == '"' ? "\\\"" : c.ToString());
        }

        return sb.ToString();
    }

    /// <summary>
    /// Fills a service's SLI template (docs/configuration.md): <c>$service</c> matches this service only,
    /// <c>$track</c> matches every track (the template's <c>by (service, track)</c> keeps them apart),
    /// <c>$window</c> is the range, <c>$selector</c> the stage's extra matchers (<c>, </c> before them; nothing when none).
    /// </summary>
    public static string Instantiate(string template, string service, string window, string selector = "") => template
        .Replace("$service", LiteralRegexInString(service), StringComparison.Ordinal)
        .Replace("$track", ".*", StringComparison.Ordinal)
        .Replace("$window", window, StringComparison.Ordinal)
        .Replace("$selector", selector.Length == 0 ? "" : ", " + selector, StringComparison.Ordinal)
        .Trim();
}
