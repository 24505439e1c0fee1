using System.Text.RegularExpressions;

namespace Lumen.Cli.Tests.Deploy;

/// <summary>The metric names a PromQL expression reads: identifiers that are not functions, keywords,
/// label names in matchers or grouping clauses, durations, numbers or Grafana variables.</summary>
internal static partial class PromQlNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "and", "or", "unless", "inf", "nan",
    };

    public static IReadOnlySet<string> Of(string expr)
    {
        var text = StringLiteral().Replace(expr, "\"\"");
        text = Matchers().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Identifier().Matches(text))
        {
            var name = m.Groups["name"].Value;
            var next = text[(m.Index + m.Length)..].TrimStart();
            if (m.Groups["var"].Success || next.StartsWith('(') || Keywords.Contains(name.ToLowerInvariant()))
            {
                continue;
            }

            names.Add(name);
        }

        return names;
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<var>\$\{?)?(?<![\w.])(?<name>[A-Za-z_:][A-Za-z0-9_:]*)")]
    private static partial Regex Identifier();
}
