using System.Text;
using System.Text.RegularExpressions;

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// Renders an SLI template (docs/configuration.md) for a whole batch: <c>$service</c> becomes an alternation of
/// every service name, <c>$track</c> of every track, <c>$window</c> the window (a <c>$selector</c> the
/// stage did not fill is dropped), so one query answers for
/// all (service, track) pairs and <c>by (service, track)</c> splits the result again.
/// </summary>
internal static partial class SliQueryBuilder
{
    /// <summary>The template for <paramref name="services"/> × <paramref name="tracks"/>.</summary>
    public static string Render(string template, IEnumerable<string> services, IEnumerable<string> tracks, string window) =>
        template
            .Replace("$service", Alternation(services), StringComparison.Ordinal)
            .Replace("$track", Alternation(tracks), StringComparison.Ordinal)
            .Replace("$window", window, StringComparison.Ordinal)
            .Replace("$selector", "", StringComparison.Ordinal);

    /// <summary>
    /// Why the template cannot be batched, or null. A batch needs <c>$service</c> and <c>$track</c>
    /// inside a regex matcher (<c>=~"$service"</c>): with <c>="..."</c> the alternation would match
    /// nothing, and every reading would be Missing for a reason nobody could see.
    /// </summary>
    public static string? Problem(string template)
    {
        foreach (var placeholder in new[] { "service", "track" })
        {
            var total = CountOf(template, "$" + placeholder);
            var inRegex = RegexMatcher(placeholder).Matches(template).Count;
            if (total != inRegex)
            {
                return $"${placeholder} must appear only inside a regex matcher, like {placeholder}=~\"${placeholder}\", so one query can serve every service";
            }
        }

        return null;
    }

    /// <summary>
    /// <c>a|b</c> with each name escaped twice: first for RE2 (so <c>a.b</c> matches only itself),
    /// then for a PromQL double-quoted string (a backslash is written <c>\\</c>).
    /// </summary>
    public static string Alternation(IEnumerable<string> names)
    {
        var sb = new StringBuilder();
        foreach (var name in names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (sb.Length > 0)
            {
                sb.Append('|');
            }

            foreach (var c in name)
            {
                if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
                {
                    sb.Append(@"\\");
                }
                else if (c == '"')
                {
                    sb.Append('\\');
                }

                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private static Regex RegexMatcher(string placeholder) => placeholder == "service" ? ServiceMatcher() : TrackMatcher();

    [GeneratedRegex("""=~\s*"\$service\b""", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceMatcher();

    [GeneratedRegex("""=~\s*"\$track\b""", RegexOptions.CultureInvariant)]
    private static partial Regex TrackMatcher();
}
