using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Spectre.Console;

namespace Lumen.Cli.Commands;

/// <summary>Prints ledger lines as a readable table, or raw (<c>--json</c>) for scripts.</summary>
internal static class LedgerTable
{
    private const int DataWidth = 80;

    public static void Write(IAnsiConsole console, IReadOnlyCollection<LedgerFileReader.Line> lines, bool json)
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

        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("seq", "ts", "kind", "stage", "service", "actor", "data");
        foreach (var line in lines)
        {
            if (line.Entry is not { } entry)
            {
                table.AddRow(new Markup($"[red]line {line.Number}[/]"), new Text(""), new Markup("[red]unparsable[/]"),
                    new Text(""), new Text(""), new Text(""), new Text(Clip(line.Text)));
                continue;
            }

            table.AddRow(
                new Text(entry.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(LedgerTime.ToText(entry.Ts)),
                new Text(entry.Kind),
                new Text(entry.Stage ?? "-"),
                new Text(entry.Service ?? "-"),
                new Text(entry.Actor),
                new Text(Clip(System.Text.Encoding.UTF8.GetString(LedgerCanonical.CanonicalData(entry.Data)))));
        }

        console.Write(table);
        console.MarkupLineInterpolated($"[grey]{lines.Count} entr{(lines.Count == 1 ? "y" : "ies")}[/]");
    }

    private static string Clip(string text) => text.Length <= DataWidth ? text : string.Concat(text.AsSpan(0, DataWidth - 1), "…");
}
