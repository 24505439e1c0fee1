using System.Text.RegularExpressions;

namespace Lumen.Adapters.Executors;

/// <summary>
/// One <c>KEY=value</c> line of a .env file, split so the value can be replaced while the
/// prefix (indent, <c>export</c>, spacing), the quote style and a trailing comment stay as written.
/// </summary>
internal sealed partial record EnvAssignment(string Head, string Key, string Quote, string Value, string Suffix)
{
    public static EnvAssignment? TryParse(string line)
    {
        var match = Line().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var head = match.Groups["prefix"].Value + match.Groups["key"].Value + match.Groups["eq"].Value;
        var key = match.Groups["key"].Value;
        var rest = match.Groups["rest"].Value;
        if (rest.Length > 0 && (rest[0] == '"' || rest[0] == '\''))
        {
            var close = rest.IndexOf(rest[0], 1);
            return close < 0
                ? null // an unterminated quote: not a line this editor understands
                : new EnvAssignment(head, key, rest[..1], rest[1..close], rest[(close + 1)..]);
        }

        // Unquoted: the value ends where a comment (whitespace then '#') or trailing space begins.
        var comment = UnquotedComment().Match(rest);
        var valueEnd = comment.Success ? comment.Index : rest.Length;
        var value = rest[..valueEnd].TrimEnd();
        return new EnvAssignment(head, key, "", value, rest[value.Length..]);
    }

    public string WithValue(string value) => $"{Head}{Quote}{value}{Quote}{Suffix}";

    // head = prefix (indent, optional "export ") + key + '=' with any spaces around it.
    [GeneratedRegex(@"^(?<prefix>\s*(?:export\s+)?)(?<key>[A-Za-z_][A-Za-z0-9_.\-]*)(?<eq>\s*=\s*)(?<rest>.*)$")]
    private static partial Regex Line();

    [GeneratedRegex(@"\s#")]
    private static partial Regex UnquotedComment();
}
