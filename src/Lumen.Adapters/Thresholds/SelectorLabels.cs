using System.Collections.Immutable;
using System.Text;

namespace Lumen.Adapters.Thresholds;

/// <summary>
/// The equality matchers of a stage's <c>selector</c> (<c>env="prod"</c> of <c>env="prod", cluster=~"eu-.*"</c>)
/// as labels: they name one value, so the recorded SLIs carry them and every generated alert selects and
/// carries them. Regular-expression and negative matchers only filter the services' raw series.
/// The selector is validated before (<see cref="Core.Policy.LabelSelector"/>); this reads its matchers.
/// </summary>
internal static class SelectorLabels
{
    // Labels the generated rules set themselves: a selector matcher on one of them filters, nothing more.
    private static readonly ImmutableHashSet<string> Reserved =
        ImmutableHashSet.Create(StringComparer.Ordinal, "stage", "service", "track", "severity", "alertname", "long_window", "short_window", "burn_rate");

    public static ImmutableArray<KeyValuePair<string, string>> Parse(string selector)
    {
        var labels = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        var s = selector ?? "";
        var i = 0;
        while (i < s.Length)
        {
            SkipSpace(s, ref i);
            var start = i;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_'))
            {
                i++;
            }

            var name = s[start..i];
            SkipSpace(s, ref i);
            var op = new StringBuilder();
            while (i < s.Length && s[i] is '=' or '!' or '~')
            {
                op.Append(s[i++]);
            }

            SkipSpace(s, ref i);
            if (name.Length == 0 || i >= s.Length || s[i] != '"')
            {
                throw new ArgumentException($"not a label selector: {selector}", nameof(selector));
            }

            var value = new StringBuilder();
            for (i++; i < s.Length && s[i] != '"'; i++)
            {
                value.Append(s[i] == '\\' && i + 1 < s.Length ? Unescape(s[++i]) : s[i]);
            }

            i++;
            if (op.ToString() == "=" && !Reserved.Contains(name) && labels.All(l => l.Key != name))
            {
                labels.Add(new(name, value.ToString()));
            }

            SkipSpace(s, ref i);
            if (i < s.Length && s[i] == ',')
            {
                i++;
            }
        }

        return labels.ToImmutable();
    }

    /// <summary>The matchers <c>stage="STAGE", name="value", ...</c> for the inside of braces.</summary>
    public static string Matchers(string stage, ImmutableArray<KeyValuePair<string, string>> labels) =>
        string.Join(", ", new[] { new KeyValuePair<string, string>("stage", stage) }.Concat(labels).Select(l => l.Key + "=" + PromQl.Quote(l.Value)));

    private static char Unescape(char c) => c switch
    {
        'n' => '\n',
        't' => '\t',
        _ => c,
    };

    private static void SkipSpace(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }
    }
}
