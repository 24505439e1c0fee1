using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Lumen.Adapters.Tests.TestKit;

/// <summary>
/// A small interpreter of Go's text/template with the Helm functions the Lumen chart uses, because no
/// <c>helm</c> binary is packaged for this machine. Supported: text with <c>{{- -}}</c> trimming,
/// comments, <c>define</c>/<c>include</c>, <c>if</c>/<c>else if</c>/<c>else</c>, <c>range</c> (with
/// <c>$v :=</c> or <c>$k, $v :=</c>), pipelines, parentheses, field paths on <c>.</c>, <c>$</c> and
/// variables, and the functions in <see cref="Call"/>. Anything else throws, so a chart that starts
/// using another construct fails its test instead of rendering wrongly.
/// </summary>
internal sealed partial class GoTemplate
{
    private readonly Dictionary<string, List<Node>> _defines = new(StringComparer.Ordinal);

    /// <summary>Raised by the template's <c>fail</c> function.</summary>
    internal sealed class FailException(string message) : Exception(message);

    private abstract record Node;

    private sealed record TextNode(string Text) : Node;

    private sealed record ActionNode(string Pipeline) : Node;

    private sealed record IfNode(List<(string Condition, List<Node> Body)> Branches, List<Node>? Else) : Node;

    private sealed record RangeNode(string? Key, string? Value, string Pipeline, List<Node> Body) : Node;

    /// <summary>Parses a file: its <c>define</c>s are kept for <c>include</c>; the rest is returned for <see cref="Render"/>.</summary>
    public object Parse(string text)
    {
        var tokens = Lex(text);
        var i = 0;
        var nodes = ParseList(tokens, ref i, out var end);
        return end is null ? nodes : throw new InvalidOperationException($"unexpected {{{{{end}}}}}");
    }

    public string Render(object parsed, object? root)
    {
        var output = new StringBuilder();
        Execute((List<Node>)parsed, root, new Dictionary<string, object?>(StringComparer.Ordinal) { ["$"] = root }, output);
        return output.ToString();
    }

    private static List<(bool IsAction, string Text)> Lex(string text)
    {
        var tokens = new List<(bool, string)>();
        var pos = 0;
        var trimNext = false;
        while (pos < text.Length)
        {
            var open = text.IndexOf("{{", pos, StringComparison.Ordinal);
            var chunk = open < 0 ? text[pos..] : text[pos..open];
            if (trimNext)
            {
                chunk = chunk.TrimStart();
            }

            if (open < 0)
            {
                tokens.Add((false, chunk));
                break;
            }

            var close = text.IndexOf("}}", open, StringComparison.Ordinal);
            var inner = text[(open + 2)..close];
            if (inner.StartsWith("- ", StringComparison.Ordinal))
            {
                chunk = chunk.TrimEnd();
                inner = inner[2..];
            }

            trimNext = inner.EndsWith(" -", StringComparison.Ordinal);
            if (trimNext)
            {
                inner = inner[..^2];
            }

            tokens.Add((false, chunk));
            inner = inner.Trim();
            if (!(inner.StartsWith("/*", StringComparison.Ordinal) && inner.EndsWith("*/", StringComparison.Ordinal)))
            {
                tokens.Add((true, inner));
            }

            pos = close + 2;
        }

        return tokens;
    }

    private List<Node> ParseList(List<(bool IsAction, string Text)> tokens, ref int i, out string? end)
    {
        var nodes = new List<Node>();
        while (i < tokens.Count)
        {
            var (isAction, text) = tokens[i++];
            if (!isAction)
            {
                nodes.Add(new TextNode(text));
                continue;
            }

            if (text == "end" || text == "else" || text.StartsWith("else if ", StringComparison.Ordinal))
            {
                end = text;
                return nodes;
            }

            if (text.StartsWith("define ", StringComparison.Ordinal))
            {
                var name = Unquote(text["define ".Length..].Trim());
                _defines[name] = ParseList(tokens, ref i, out var e);
                Expect(e, "end", text);
            }
            else if (text.StartsWith("if ", StringComparison.Ordinal))
            {
                var branches = new List<(string, List<Node>)>();
                var condition = text[3..];
                List<Node>? otherwise = null;
                while (true)
                {
                    var body = ParseList(tokens, ref i, out var e);
                    branches.Add((condition, body));
                    if (e is not null && e.StartsWith("else if ", StringComparison.Ordinal))
                    {
                        condition = e["else if ".Length..];
                        continue;
                    }

                    if (e == "else")
                    {
                        otherwise = ParseList(tokens, ref i, out var e2);
                        Expect(e2, "end", text);
                    }
                    else
                    {
                        Expect(e, "end", text);
                    }

                    break;
                }

                nodes.Add(new IfNode(branches, otherwise));
            }
            else if (text.StartsWith("range ", StringComparison.Ordinal))
            {
                var header = text[6..];
                string? key = null, value = null;
                var decl = header.IndexOf(":=", StringComparison.Ordinal);
                if (decl >= 0)
                {
                    var vars = header[..decl].Split(',', StringSplitOptions.TrimEntries);
                    (key, value) = vars.Length == 2 ? (vars[0], vars[1]) : (null, vars[0]);
                    header = header[(decl + 2)..];
                }

                var body = ParseList(tokens, ref i, out var e);
                Expect(e, "end", text);
                nodes.Add(new RangeNode(key, value, header.Trim(), body));
            }
            else if (Regex.IsMatch(text, "^(with|template|block|break|continue)\\b") || text.Contains(":=", StringComparison.Ordinal) || text.Contains(" = ", StringComparison.Ordinal))
            {
                throw new NotSupportedException($"{{{{{text}}}}} is not supported by this renderer");
            }
            else
            {
                nodes.Add(new ActionNode(text));
            }
        }

        end = null;
        return nodes;
    }

    private static void Expect(string? found, string expected, string opener)
    {
        if (found != expected)
        {
            throw new InvalidOperationException($"{{{{{opener}}}}} ends with {found ?? "end of file"}, expected {expected}");
        }
    }

    private void Execute(List<Node> nodes, object? dot, Dictionary<string, object?> vars, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode t:
                    output.Append(t.Text);
                    break;
                case ActionNode a:
                    output.Append(Print(Eval(a.Pipeline, dot, vars)));
                    break;
                case IfNode f:
                    var branch = f.Branches.FirstOrDefault(b => Truthy(Eval(b.Condition, dot, vars))).Body ?? f.Else;
                    if (branch is not null)
                    {
                        Execute(branch, dot, vars, output);
                    }

                    break;
                case RangeNode r:
                    var items = Eval(r.Pipeline, dot, vars) switch
                    {
                        null => [],
                        List<object?> list => list.Select((v, i) => ((object?)(long)i, v)).ToList(),
                        Dictionary<string, object?> map => map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => ((object?)kv.Key, kv.Value)).ToList(),
                        var other => throw new InvalidOperationException($"range over {other.GetType().Name}"),
                    };
                    foreach (var (k, v) in items)
                    {
                        var inner = new Dictionary<string, object?>(vars, StringComparer.Ordinal);
                        if (r.Key is not null)
                        {
                            inner[r.Key] = k;
                        }

                        if (r.Value is not null)
                        {
                            inner[r.Value] = v;
                        }

                        Execute(r.Body, v, inner, output);
                    }

                    break;
            }
        }
    }

    private object? Eval(string pipeline, object? dot, Dictionary<string, object?> vars)
    {
        var tokens = Tokenize(pipeline);
        var i = 0;
        var value = EvalPipeline(tokens, ref i, dot, vars);
        return i == tokens.Count ? value : throw new InvalidOperationException($"unexpected {tokens[i]} in {pipeline}");
    }

    private object? EvalPipeline(List<string> tokens, ref int i, object? dot, Dictionary<string, object?> vars)
    {
        object? piped = null;
        var first = true;
        while (true)
        {
            var command = new List<object?>();
            string? function = null;
            while (i < tokens.Count && tokens[i] is not ("|" or ")"))
            {
                var t = tokens[i++];
                if (command.Count == 0 && function is null && Regex.IsMatch(t, "^[a-zA-Z][a-zA-Z0-9]*$") && t is not ("true" or "false" or "nil"))
                {
                    function = t;
                    continue;
                }

                command.Add(t == "(" ? EvalParen(tokens, ref i, dot, vars) : Operand(t, dot, vars));
            }

            if (!first)
            {
                command.Add(piped);
            }

            piped = function is not null ? Call(function, command, dot) : command.Count == 1 ? command[0] : throw new InvalidOperationException("an operand with arguments");
            first = false;
            if (i < tokens.Count && tokens[i] == "|")
            {
                i++;
                continue;
            }

            return piped;
        }
    }

    private object? EvalParen(List<string> tokens, ref int i, object? dot, Dictionary<string, object?> vars)
    {
        var value = EvalPipeline(tokens, ref i, dot, vars);
        if (i >= tokens.Count || tokens[i++] != ")")
        {
            throw new InvalidOperationException("missing )");
        }

        return value;
    }

    private static object? Operand(string t, object? dot, Dictionary<string, object?> vars)
    {
        if (t.StartsWith('"'))
        {
            return Unquote(t);
        }

        if (long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        if (t is "true" or "false")
        {
            return t == "true";
        }

        if (t == "nil")
        {
            return null;
        }

        if (t == ".")
        {
            return dot;
        }

        var parts = t.Split('.');
        object? current = t.StartsWith('$') ? (vars.TryGetValue(parts[0], out var v) ? v : throw new InvalidOperationException($"undefined variable {parts[0]}")) : dot;
        foreach (var field in parts.Skip(1))
        {
            current = current is Dictionary<string, object?> map ? map.GetValueOrDefault(field) : null;
        }

        return current;
    }

    private object? Call(string name, List<object?> a, object? dot) => name switch
    {
        "include" => IncludeText((string)a[0]!, a[1]),
        "toYaml" => MiniYaml.Write(a[0]).TrimEnd('\n'),
        "nindent" => "\n" + Indent(Convert.ToInt32(a[0], CultureInfo.InvariantCulture), Print(a[1])),
        "indent" => Indent(Convert.ToInt32(a[0], CultureInfo.InvariantCulture), Print(a[1])),
        "quote" => "\"" + Print(a[0]).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        "default" => Truthy(a.Count > 1 ? a[1] : null) ? a[1] : a[0],
        "eq" => Equals(Print(a[0]), Print(a[1])),
        "ne" => !Equals(Print(a[0]), Print(a[1])),
        "and" => a.FirstOrDefault(x => !Truthy(x), a[^1]),
        "or" => a.FirstOrDefault(Truthy, a[^1]),
        "not" => !Truthy(a[0]),
        "gt" => Convert.ToInt64(a[0], CultureInfo.InvariantCulture) > Convert.ToInt64(a[1], CultureInfo.InvariantCulture),
        "int" => a[0] is null ? 0L : Convert.ToInt64(a[0], CultureInfo.InvariantCulture),
        "fail" => throw new FailException(Print(a[0])),
        "printf" => Printf(Print(a[0]), a.Skip(1).ToList()),
        "trunc" => Print(a[1]) is var s && s.Length > Convert.ToInt32(a[0], CultureInfo.InvariantCulture) ? s[..Convert.ToInt32(a[0], CultureInfo.InvariantCulture)] : Print(a[1]),
        "trimSuffix" => Print(a[1]).EndsWith(Print(a[0]), StringComparison.Ordinal) && Print(a[0]).Length > 0 ? Print(a[1])[..^Print(a[0]).Length] : Print(a[1]),
        "contains" => Print(a[1]).Contains(Print(a[0]), StringComparison.Ordinal),
        "sha256sum" => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Print(a[0])))),
        _ => throw new NotSupportedException($"function {name} is not supported by this renderer"),
    };

    private string IncludeText(string name, object? dot)
    {
        var output = new StringBuilder();
        Execute(_defines.TryGetValue(name, out var body) ? body : throw new InvalidOperationException($"no template {name}"), dot,
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["$"] = dot }, output);
        return output.ToString();
    }

    private static string Printf(string format, List<object?> args)
    {
        var n = 0;
        return Regex.Replace(format, "%[sdq]", m => m.Value == "%q" ? $"\"{Print(args[n++])}\"" : Print(args[n++]));
    }

    private static string Indent(int n, string text) =>
        string.Join('\n', text.Split('\n').Select(line => new string(' ', n) + line));

    public static string Print(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        string s => s,
        _ => throw new InvalidOperationException($"cannot print a {value.GetType().Name}; use toYaml"),
    };

    private static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        string s => s.Length > 0,
        List<object?> l => l.Count > 0,
        Dictionary<string, object?> m => m.Count > 0,
        _ => true,
    };

    private static string Unquote(string t) =>
        t.Length >= 2 && t[0] == '"' ? Regex.Unescape(t[1..^1]) : throw new InvalidOperationException($"expected a string, found {t}");

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (Match m in TokenRegex().Matches(text))
        {
            tokens.Add(m.Value);
        }

        return tokens;
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|[()|]|[^\\s()|]+")]
    private static partial Regex TokenRegex();
}
