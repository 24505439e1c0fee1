using System.Globalization;

namespace Lumen.Core.Policy;

/// <summary>The small text grammars inside <c>feedback_rules.yaml</c>: a condition
/// (<c>latency_pressure &gt; 1.0</c>) and a duration in intervals (<c>3</c> or <c>3 intervals</c>).
/// Failures come back as "expected …, found …" messages.</summary>
public static class RuleSyntax
{
    public const string ConditionForm = "'<coordinate> <op> <number>' such as 'latency_pressure > 1.0'";

    public static bool TryParseCondition(string text, out RuleCondition? condition, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        condition = null;
        var s = text.Trim();
        var i = 0;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_'))
        {
            i++;
        }

        var name = s[..i];
        var rest = s[i..].TrimStart();
        var opLength = rest.StartsWith(">=", StringComparison.Ordinal) || rest.StartsWith("<=", StringComparison.Ordinal) ? 2
            : rest.StartsWith('>') || rest.StartsWith('<') ? 1 : 0;
        if (name.Length == 0 || opLength == 0)
        {
            error = $"expected a condition {ConditionForm} (ops: {string.Join(" ", ComparisonOps.Symbols)}), found \"{text}\"";
            return false;
        }

        if (!RuleCoordinates.TryParse(name, out var coordinate))
        {
            error = $"unknown coordinate: expected one of {string.Join(", ", RuleCoordinates.Names)}, found \"{name}\"";
            return false;
        }

        ComparisonOps.TryParse(rest[..opLength], out var op);
        var number = rest[opLength..].Trim();
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) || !double.IsFinite(threshold))
        {
            error = $"expected a finite number after '{rest[..opLength]}', found \"{number}\"";
            return false;
        }

        condition = new RuleCondition(coordinate, op, threshold);
        error = "";
        return true;
    }

    /// <summary>Parses <c>3</c>, <c>3 interval</c> or <c>3 intervals</c>.</summary>
    public static bool TryParseIntervals(string text, out int intervals, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var unitOk = parts.Length == 1 || (parts.Length == 2 && parts[1] is "interval" or "intervals");
        if (parts.Length is 1 or 2 && unitOk
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out intervals) && intervals >= 1)
        {
            error = "";
            return true;
        }

        intervals = 0;
        error = $"expected a number of intervals >= 1 such as '3' or '3 intervals', found \"{text}\"";
        return false;
    }
}
