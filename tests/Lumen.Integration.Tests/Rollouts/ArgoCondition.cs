using System.Text.Json;

namespace Lumen.Integration.Tests.Rollouts;

/// <summary>
/// Evaluates the subset of Argo Rollouts' condition language (expr) that the shipped AnalysisTemplate
/// uses: <c>result.FIELD</c>, string and boolean literals, <c>==</c>, <c>!=</c>, <c>!</c>, <c>&amp;&amp;</c>,
/// <c>||</c> and parentheses, against the JSON body (Argo binds the body to <c>result</c>). A field the
/// answer lacks throws, so a condition reading a field Lumen does not send fails the test.
/// </summary>
internal sealed class ArgoCondition
{
    private readonly List<string> _tokens;
    private readonly JsonElement _result;
    private int _at;

    private ArgoCondition(string text, JsonElement result)
    {
        _tokens = Tokenize(text);
        _result = result;
    }

    public static bool Evaluate(string condition, JsonElement result)
    {
        var parser = new ArgoCondition(condition, result);
        var value = parser.Or();
        Assert.True(parser._at == parser._tokens.Count, $"unparsed tail in condition: {condition}");
        return Assert.IsType<bool>(value);
    }

    private object Or()
    {
        var left = And();
        while (Take("||"))
        {
            var right = And();
            left = (bool)left || (bool)right;
        }

        return left;
    }

    private object And()
    {
        var left = Equality();
        while (Take("&&"))
        {
            var right = Equality();
            left = (bool)left && (bool)right;
        }

        return left;
    }

    private object Equality()
    {
        var left = Unary();
        if (Take("=="))
        {
            return Equals(left, Unary());
        }

        return Take("!=") ? !Equals(left, Unary()) : left;
    }

    private object Unary()
    {
        if (Take("!"))
        {
            return !(bool)Unary();
        }

        if (Take("("))
        {
            var inner = Or();
            Assert.True(Take(")"), "missing )");
            return inner;
        }

        var token = _tokens[_at++];
        if (token.StartsWith('"'))
        {
            return token[1..^1];
        }

        if (token is "true" or "false")
        {
            return token == "true";
        }

        Assert.StartsWith("result.", token, StringComparison.Ordinal);
        var field = token["result.".Length..];
        Assert.True(_result.TryGetProperty(field, out var value), $"the answer has no field '{field}' that the condition reads");
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => value.GetRawText(),
        };
    }

    private bool Take(string token)
    {
        if (_at < _tokens.Count && _tokens[_at] == token)
        {
            _at++;
            return true;
        }

        return false;
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                tokens.Add(text[i..(end + 1)]);
                i = end + 1;
            }
            else if (i + 1 < text.Length && text.Substring(i, 2) is "==" or "!=" or "&&" or "||")
            {
                tokens.Add(text.Substring(i, 2));
                i += 2;
            }
            else if (c is '(' or ')' or '!')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '.' or '_'))
                {
                    i++;
                }

                Assert.True(i > start, $"unexpected '{c}' in condition: {text}");
                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }
}
