using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Commands;

/// <summary>
/// <c>lumen report LEDGER...</c> with one ledger per replica: the report's Fleet section, the exit
/// codes of <c>lumen ledger verify</c> (0 valid, 1 invalid or a claim in two ledgers, 2 bad input),
/// and one ledger given either way writes the same report.
/// </summary>
public sealed class ReportFleetTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lumen-cli-report-fleet-" + Guid.NewGuid().ToString("N"));

    public ReportFleetTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A replica's ledger in its own state directory: each step gains and loses claims (coordination.changed).</summary>
    private async Task<string> Replica(string name, params ((string Service, long Token)[] Gained, string[] Lost)[] steps)
    {
        var dir = Path.Combine(_dir, name);
        await using var store = await FileLedgerStore.OpenAsync(FileLedgerStoreOptions.InStateDirectory(dir), TimeProvider.System);
        foreach (var (gained, lost) in steps)
        {
            await store.AppendAsync(new LedgerDraft(LedgerKinds.CoordinationChanged, "dev", null, "loop", LedgerData.From(new Dictionary<string, object?>
            {
                ["engine"] = "etcd",
                ["replica"] = name,
                ["gained"] = gained.Select(g => new Dictionary<string, object?> { ["service"] = g.Service, ["token"] = g.Token }).ToArray(),
                ["lost"] = lost,
            })));
        }

        return Path.Combine(dir, FileLedgerStoreOptions.DefaultFileName);
    }

    /// <summary>A ledger of a single process (coordination: local): no coordination entries.</summary>
    private async Task<string> SingleProcess(string name)
    {
        var dir = Path.Combine(_dir, name);
        await using var store = await FileLedgerStore.OpenAsync(FileLedgerStoreOptions.InStateDirectory(dir), TimeProvider.System);
        await store.AppendAsync(new LedgerDraft(LedgerKinds.Tick, "dev", null, "loop"));
        return Path.Combine(dir, FileLedgerStoreOptions.DefaultFileName);
    }

    private static (int Exit, string Output) Run(params string[] args)
    {
        var console = new TestConsole().Width(1000);
        var exit = LumenApp.Run(args, console);
        return (exit, console.Output);
    }

    private string Out(string name) => Path.Combine(_dir, name);

    [Fact]
    public async Task Report_ThreeReplicas_WritesTheFleet_AndExitsZero()
    {
        var a = await Replica("a", ([("checkout", 11), ("search", 12)], []), ([], ["search"]));
        var b = await Replica("b", ([("cart", 13)], []), ([("search", 20)], []));
        var c = await Replica("c", ([("checkout", 30)], []));

        var (exit, output) = Run("report", a, b, c, "--out", Out("fleet.md"));

        Assert.Equal(0, exit);
        Assert.Contains("claims: 5 gained by 3 replica(s) across the valid ledgers; no service claimed twice under one token", output, StringComparison.Ordinal);
        Assert.Contains("valid: 3 ledgers: 3 valid, 0 invalid", output, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(Out("fleet.md"));
        Assert.Contains("## Fleet", report, StringComparison.Ordinal);
        Assert.Contains($"| `a` | `{a}` | ✅ valid | 3 | 1: `checkout` (1 superseded by a newer claim) | 2 | 1 | 0 | 12 |", report, StringComparison.Ordinal);
        Assert.Contains($"| `b` | `{b}` | ✅ valid | 3 | 2: `cart`, `search` | 2 | 0 | 0 | 20 |", report, StringComparison.Ordinal);
        Assert.Contains("| `checkout` | `c` | 30 | 2 | 1 | 0 | a (token 11) |", report, StringComparison.Ordinal);
        Assert.Contains("| `search` | `b` | 20 | 2 | 1 | 0 |  |", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_OneClaimInTwoLedgers_ExitsOne_AndTheReportShowsIt()
    {
        var a = await Replica("a", ([("checkout", 11)], []));
        var b = await Replica("b", ([("checkout", 11)], []));

        var (exit, output) = Run("report", "--ledger", a, b, "--out", Out("fleet.md"));

        Assert.Equal(1, exit);
        Assert.Contains($"INVALID: checkout (stage dev) was claimed under token 11 by a ({a}) and by b ({b})", output, StringComparison.Ordinal);
        Assert.Contains("INVALID: 2 ledgers: 2 valid, 0 invalid", output, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(Out("fleet.md"));
        Assert.Contains("> ❌ **1 claim(s) held by two replicas at once**", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ATamperedLedger_ExitsOne()
    {
        var a = await Replica("a", ([("checkout", 11)], []));
        var b = await Replica("b", ([("cart", 13)], []), ([("search", 14)], []));
        var lines = await File.ReadAllLinesAsync(b);
        lines[1] = lines[1].Replace("\"cart\"", "\"CART\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(b, lines);

        var (exit, output) = Run("report", a, b, "--out", Out("fleet.md"));

        Assert.Equal(1, exit);
        Assert.Contains("INVALID: 2 ledgers: 1 valid, 1 invalid", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Out("fleet.md")));
    }

    [Fact]
    public async Task Report_AMissingLedger_ExitsTwo_NamingIt_AndWritesNothing()
    {
        var a = await Replica("a", ([("checkout", 11)], []));
        var missing = Path.Combine(_dir, "b", "proof_ledger.jsonl");

        var (exit, output) = Run("report", a, missing, "--out", Out("fleet.md"));

        Assert.Equal(2, exit);
        Assert.Contains($"{missing}: no such ledger file", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Out("fleet.md")));
    }

    [Fact]
    public async Task Report_TheSameLedgerTwice_ExitsTwo()
    {
        var a = await Replica("a", ([("checkout", 11)], []));

        var (exit, output) = Run("report", "--ledger", a, a, "--out", Out("fleet.md"));

        Assert.Equal(2, exit);
        Assert.Contains($"{a}: the same ledger is given twice", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Out("fleet.md")));
    }

    [Fact]
    public async Task Report_OneLedgerWithoutCoordination_ByOptionOrArgument_WritesTheSameOneLedgerReport()
    {
        var a = await SingleProcess("a");

        var byOption = Run("report", "--ledger", a, "--out", Out("option/report.md"));
        var byArgument = Run("report", a, "--out", Out("argument/report.md"));

        Assert.Equal(0, byOption.Exit);
        Assert.Equal(0, byArgument.Exit);
        Assert.Contains("ledger: OK: 2 entries", byOption.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("claims:", byOption.Output, StringComparison.Ordinal);
        var report = await File.ReadAllBytesAsync(Out("option/report.md"));
        Assert.Equal(report, await File.ReadAllBytesAsync(Out("argument/report.md")));
        var text = System.Text.Encoding.UTF8.GetString(report);
        Assert.Contains("Generated from `proof_ledger.jsonl` (2 entries).", text, StringComparison.Ordinal);
        Assert.DoesNotContain("## Fleet", text, StringComparison.Ordinal);
    }
}
