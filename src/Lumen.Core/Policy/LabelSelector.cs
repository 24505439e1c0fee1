using System.Text.RegularExpressions;

namespace Lumen.Core.Policy;

/// <summary>The syntax of a stage's <c>selector</c>: PromQL/LogQL label matchers separated by commas
/// (<c>name op "value"</c>, op one of <c>= != =~ !~</c>), without braces.</summary>
public static partial class LabelSelector
{
    public static bool IsValid(string selector) => Matchers().IsMatch(selector ?? "");

    [GeneratedRegex("""^\s*[A-Za-z_][A-Za-z0-9_]*\s*(=~|!~|!=|=)\s*"(?:[^"\\]|\\.)*"\s*(,\s*[A-Za-z_][A-Za-z0-9_]*\s*(=~|!~|!=|=)\s*"(?:[^"\\]|\\.)*"\s*)*$""", RegexOptions.CultureInvariant)]
    private static partial Regex Matchers();
}
