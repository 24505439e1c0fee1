namespace Lumen.Core.Policy;

/// <summary>The syntax of a stage's <c>selector</c>: PromQL/LogQL label matchers separated by commas
/// (<c>name op "value"</c>, op one of <c>= != =~ !~</c>), without braces. A small scanner: the core
/// depends on the base library only.</summary>
public static class LabelSelector
{
    public static bool IsValid(string selector)
    {
        var s = selector ?? "";
        var i = 0;
        while (true)
        {
            Skip(s, ref i);
            var start = i;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_'))
            {
                i++;
            }

            if (i == start || char.IsAsciiDigit(s[start]))
            {
                return false;
            }

            Skip(s, ref i);
            if (i + 1 < s.Length && (s[i] is '=' or '!') && s[i + 1] is '~' or '=' && !(s[i] == '=' && s[i + 1] == '='))
            {
                i += 2;
            }
            else if (i < s.Length && s[i] == '=')
            {
                i++;
            }
            else
            {
                return false;
            }

            Skip(s, ref i);
            if (i >= s.Length || s[i] != '"')
            {
                return false;
            }

            for (i++; i < s.Length && s[i] != '"'; i++)
            {
                if (s[i] == '\\')
                {
                    i++;
                }
            }

            if (i >= s.Length)
            {
                return false;
            }

            i++;
            Skip(s, ref i);
            if (i == s.Length)
            {
                return true;
            }

            if (s[i] != ',')
            {
                return false;
            }

            i++;
        }
    }

    private static void Skip(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }
    }
}
