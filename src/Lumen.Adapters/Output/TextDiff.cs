using System.Text;

namespace Lumen.Adapters.Output;

/// <summary>
/// A unified diff of two texts (line-based, longest common subsequence, 3 lines of context), for
/// <c>--dry-run</c> output. The generated files are a few hundred lines, so the O(n·m) table is small.
/// </summary>
internal static class TextDiff
{
    private const int Context = 3;

    public static string Unified(string oldText, string newText, string oldLabel, string newLabel)
    {
        var a = Lines(oldText);
        var b = Lines(newText);
        var ops = Script(a, b);
        var sb = new StringBuilder();
        sb.Append("--- ").Append(oldLabel).Append('\n').Append("+++ ").Append(newLabel).Append('\n');
        var i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Kind == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from some context before this change to some context after the last change near it.
            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < ops.Count)
            {
                var next = end;
                while (next < ops.Count && ops[next].Kind == ' ')
                {
                    next++;
                }

                if (next == ops.Count || next - end > 2 * Context)
                {
                    end = Math.Min(ops.Count, end + Context);
                    break;
                }

                end = next + 1;
            }

            var hunk = ops.GetRange(start, end - start);
            var oldStart = ops[start].OldLine;
            var newStart = ops[start].NewLine;
            var oldCount = hunk.Count(o => o.Kind != '+');
            var newCount = hunk.Count(o => o.Kind != '-');
            sb.Append($"@@ -{oldStart + (oldCount > 0 ? 1 : 0)},{oldCount} +{newStart + (newCount > 0 ? 1 : 0)},{newCount} @@\n");
            foreach (var op in hunk)
            {
                sb.Append(op.Kind).Append(op.Text).Append('\n');
            }

            i = end;
        }

        return sb.ToString();
    }

    private readonly record struct Op(char Kind, string Text, int OldLine, int NewLine);

    private static List<Op> Script(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var x = a.Length - 1; x >= 0; x--)
        {
            for (var y = b.Length - 1; y >= 0; y--)
            {
                lcs[x, y] = a[x] == b[y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
            }
        }

        var ops = new List<Op>();
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (i < a.Length && j < b.Length && a[i] == b[j])
            {
                ops.Add(new(' ', a[i], i, j));
                i++;
                j++;
            }
            else if (i < a.Length && (j == b.Length || lcs[i + 1, j] >= lcs[i, j + 1]))
            {
                // Deletions before additions, as diff(1) prints them.
                ops.Add(new('-', a[i], i, j));
                i++;
            }
            else
            {
                ops.Add(new('+', b[j], i, j));
                j++;
            }
        }

        return ops;
    }

    private static string[] Lines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return lines[^1].Length == 0 ? lines[..^1] : lines;
    }
}
