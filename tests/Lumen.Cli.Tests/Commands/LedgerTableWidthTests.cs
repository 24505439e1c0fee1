using Lumen.Adapters.LedgerStore;
using Lumen.Cli;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Commands;

/// <summary><c>ledger tail</c> fits the terminal: COLUMNS wins over the console's width, no line is wider, the data column keeps the rest.</summary>
public sealed class LedgerTableWidthTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lumen-cli-ledger-width-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<string> WriteLedger()
    {
        await using var store = await FileLedgerStore.OpenAsync(FileLedgerStoreOptions.InStateDirectory(_dir), TimeProvider.System);
        await store.AppendAsync(new LedgerDraft(LedgerKinds.CanaryDecision, "dev", "checkout", "lumen canary check",
            LedgerData.From(new { decision = "pass", reasons = new[] { new string('x', 400) } })));
        return Path.Combine(_dir, FileLedgerStoreOptions.DefaultFileName);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(160)]
    public async Task Tail_Columns_EveryLineFitsAndTheDataColumnUsesTheRest(int columns)
    {
        var ledger = await WriteLedger();
        var console = new TestConsole().Width(1000);
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var exit = LumenApp.Run(["ledger", "tail", ledger, "-n", "5"], console, env);

        Assert.Equal(0, exit);
        var lines = console.Output.Split('\n');
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= columns, $"{l.TrimEnd().Length} > {columns}: {l}"));
        var dataLine = lines.Single(l => l.Contains("canary.decision", StringComparison.Ordinal));
        Assert.True(dataLine.TrimEnd().Length >= columns - 6, $"the data column should fill the line: {dataLine}");
        Assert.Equal(columns >= 120, console.Output.Contains("lumen canary check", StringComparison.Ordinal));
    }
}
