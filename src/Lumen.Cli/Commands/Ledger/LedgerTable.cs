using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Spectre.Console;

namespace Lumen.Cli.Commands.Ledger;

/// <summary>
/// Prints ledger lines as a readable table fitted to the terminal's width (<c>COLUMNS</c> when set,
/// else the console's width), or raw (<c>--json</c>) for scripts. Under 120 columns the stage and
/// actor columns are left out and the time is shortened, so the data column keeps most of the width;
/// the data is cut to what fits, on one line per entry.
/// </summary>
internal static class LedgerTable
{
    /// <summary>Below this width the compact layout is used.</summary>
    public const int WideColumns = 120;

    public static void Write(IAnsiConsole console, IReadOnlyCollection<LedgerFileReader.Line> lines, bool json, Lumen.Core.Policy.IEnvironmentVariables? env = null)
    {
        if (json)
        {
            // Raw lines bypass Spectre's rendering so long lines are never wrapped or re-encoded.
            foreach (var line in lines)
            {
                console.Profile.Out.Writer.WriteLine(line.Text);
            }

            console.Profile.Out.Writer.Flush();
            return;
        }

        var width = env?.Get("COLUMNS") is { } text && int.TryParse(text, out var columns) && columns >= 40 ? columns : console.Profile.Width;
        var wide = width >= WideColumns;
        var rows = lines.Select(line => Row(line, wide)).ToList();
        var headers = wide ? new[] { "seq", "ts", "kind", "stage", "service", "actor", "data" } : ["seq", "time", "kind", "service", "data"];

        // Each column takes its widest cell; the data column gets the rest (3 characters of border per column).
        var fixedWidth = 0;
        for (var c = 0; c < headers.Length - 1; c++)
        {
            fixedWidth += Math.Max(headers[c].Length, rows.Count == 0 ? 0 : rows.Max(r => r[c].Length)) + 3;
        }

        var dataWidth = Math.Max(10, width - fixedWidth - 4);
        var table = new Table().Border(TableBorder.Simple).AddColumns(headers);
        foreach (var column in table.Columns)
        {
            column.NoWrap();
        }

        foreach (var row in rows)
        {
            row[^1] = Clip(row[^1], dataWidth);
            table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)).ToArray());
        }

        var previous = console.Profile.Width;
        console.Profile.Width = width;
        console.Write(table);
        console.Profile.Width = previous;
        console.MarkupLineInterpolated($"[grey]{lines.Count} entr{(lines.Count == 1 ? "y" : "ies")}[/]");
    }

    private static string[] Row(LedgerFileReader.Line line, bool wide)
    {
        if (line.Entry is not { } entry)
        {
            return wide ? [$"line {line.Number}", "", "unparsable", "", "", "", line.Text] : [$"line {line.Number}", "", "unparsable", "", line.Text];
        }

        var seq = entry.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var data = System.Text.Encoding.UTF8.GetString(LedgerCanonical.CanonicalData(entry.Data));
        return wide
            ? [seq, LedgerTime.ToText(entry.Ts), entry.Kind, entry.Stage ?? "-", entry.Service ?? "-", entry.Actor, data]
            : [seq, entry.Ts.UtcDateTime.ToString("MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), entry.Kind, entry.Service ?? "-", data];
    }

    private static string Clip(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");
}
