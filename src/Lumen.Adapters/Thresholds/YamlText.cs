using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lumen.Adapters.Thresholds;

/// <summary>
/// Writes YAML scalars by hand for the generated files, so their layout is stable and readable (a
/// serializer would choose quoting and line breaks for us). Golden tests and promtool/amtool check
/// the result.
/// </summary>
internal static partial class YamlText
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    /// <summary>A string scalar: plain when that is unambiguous, else single- or double-quoted.</summary>
    public static string Scalar(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (SafePlain().IsMatch(value) && !Reserved.Contains(value))
        {
            return value;
        }

        if (value.All(IsPrintable))
        {
            // Single quotes need no escapes but doubled quotes, which keeps PromQL and Go templates readable.
            return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
        }

        return DoubleQuoted(value);
    }

    /// <summary>A number, in the invariant culture and its shortest round-trip form.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A number, in the invariant culture.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A key and a possibly long string value, as <c>key: |-</c> and an indented literal block when the
    /// text allows one (PromQL reads best so), else as a quoted scalar on the key's line.
    /// </summary>
    public static void AppendBlock(StringBuilder sb, string indent, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(sb);
        var lines = value.Split('\n');
        var blockSafe = value.Length > 0
            && !char.IsWhiteSpace(value[0])
            && value.All(c => c == '\n' || IsPrintable(c))
            && lines.All(l => l.Length == 0 || !char.IsWhiteSpace(l[^1]))
            && lines[^1].Length > 0;
        if (!blockSafe)
        {
            sb.Append(indent).Append(key).Append(": ").Append(Scalar(value)).Append('\n');
            return;
        }

        sb.Append(indent).Append(key).Append(": |-\n");
        foreach (var line in lines)
        {
            if (line.Length > 0)
            {
                sb.Append(indent).Append("  ").Append(line);
            }

            sb.Append('\n');
        }
    }

    // YAML's printable set less its line breaks: C0/C1 controls, NEL, the Unicode line and paragraph
    // separators (which a quoted scalar would fold), and the non-characters need escapes.
    private static bool IsPrintable(char c) =>
        !char.IsControl(c) && c is not ('\u2028' or '\u2029' or '\uFFFE' or '\uFFFF') && !char.IsSurrogate(c);

    private static string DoubleQuoted(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (!IsPrintable(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    // A letter first (so never a number, a date or an indicator), then only characters that YAML
    // gives no meaning inside a plain scalar (a colon only between such characters). \z, not $, which
    // would also match before a final newline.
    [GeneratedRegex(@"^[A-Za-z_](?:[A-Za-z0-9_./-]|:(?=[A-Za-z0-9_./-]))*\z")]
    private static partial Regex SafePlain();
}
