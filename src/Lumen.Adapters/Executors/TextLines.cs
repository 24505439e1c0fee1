namespace Lumen.Adapters.Executors;

/// <summary>Splits text into lines that keep their own terminator ("\n", "\r\n" or none at the end), so joining them gives the text back byte for byte.</summary>
internal static class TextLines
{
    public static List<(string Content, string Terminator)> Split(string text)
    {
        var lines = new List<(string, string)>();
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            if (newline < 0)
            {
                lines.Add((text[start..], ""));
                break;
            }

            var crlf = newline > start && text[newline - 1] == '\r';
            var end = crlf ? newline - 1 : newline;
            lines.Add((text[start..end], crlf ? "\r\n" : "\n"));
            start = newline + 1;
        }

        return lines;
    }

    /// <summary>The terminator to use for an appended line: the file's own style, "\n" for an empty file.</summary>
    public static string PreferredTerminator(List<(string Content, string Terminator)> lines) =>
        lines.Select(l => l.Terminator).FirstOrDefault(t => t.Length > 0) ?? "\n";

    public static string Join(IEnumerable<(string Content, string Terminator)> lines) =>
        string.Concat(lines.Select(l => l.Content + l.Terminator));
}
