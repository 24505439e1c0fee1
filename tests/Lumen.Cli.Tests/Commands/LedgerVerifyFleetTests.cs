using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Commands;

/// <summary><c>lumen ledger verify</c> with one ledger per replica: a result per ledger, the fleet's claims, a total.</summary>
public sealed class LedgerVerifyFleetTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lumen-cli-fleet-" + Guid.NewGuid().ToString("N"));

    public LedgerVerifyFleetTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A replica's ledger in its own state directory, with one coordination.changed per (service, token) gained.</summary>
    private async Task<string> Replica(string name, params (string Service, long Token)[] gains)
    {
        var dir = Path.Combine(_dir, name);
        await using var store = await FileLedgerStore.OpenAsync(FileLedgerStoreOptions.InStateDirectory(dir), TimeProvider.System);
        foreach (var (service, token) in gains)
        {
            await store.AppendAsync(new LedgerDraft(LedgerKinds.CoordinationChanged, "dev", null, "loop", LedgerData.From(new Dictionary<string, object?>
            {
                ["engine"] = "etcd",
                ["replica"] = name,
                ["gained"] = new[] { new Dictionary<string, object?> { ["service"] = service, ["token"] = token } },
                ["lost"] = Array.Empty<string>(),
            })));
        }

        return Path.Combine(dir, FileLedgerStoreOptions.DefaultFileName);
    }

    private static (int Exit, string Output) Run(params string[] args)
    {
        var console = new TestConsole().Width(1000);
        var exit = LumenApp.Run(args, console);
        return (exit, console.Output);
    }

    [Fact]
    public async Task ThreeValidLedgers_EachReported_AndTheTotalIsValid()
    {
        var a = await Replica("a", ("checkout", 11), ("search", 12));
        var b = await Replica("b", ("cart", 13));
        var c = await Replica("c", ("checkout", 20));

        var (exit, output) = Run("ledger", "verify", a, b, c);

        Assert.Equal(0, exit);
        Assert.Contains($"valid: {a}: 3 entries", output, StringComparison.Ordinal);
        Assert.Contains($"valid: {b}: 2 entries", output, StringComparison.Ordinal);
        Assert.Contains($"valid: {c}: 2 entries", output, StringComparison.Ordinal);
        Assert.Contains("claims: 4 gained by 3 replica(s)", output, StringComparison.Ordinal);
        Assert.Contains("valid: 3 ledgers: 3 valid, 0 invalid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneTamperedLedger_IsNamed_AndTheTotalIsInvalid()
    {
        var a = await Replica("a", ("checkout", 11));
        var b = await Replica("b", ("cart", 13), ("search", 14));
        var lines = await File.ReadAllLinesAsync(b);
        lines[1] = lines[1].Replace("\"cart\"", "\"CART\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(b, lines);

        var (exit, output) = Run("ledger", "verify", a, b);

        Assert.Equal(1, exit);
        Assert.Contains($"valid: {a}", output, StringComparison.Ordinal);
        Assert.Contains($"INVALID: {b}", output, StringComparison.Ordinal);
        Assert.Contains("INVALID: 2 ledgers: 1 valid, 1 invalid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneClaimInTwoLedgers_IsAFleetProblem()
    {
        var a = await Replica("a", ("checkout", 11));
        var b = await Replica("b", ("checkout", 11));

        var (exit, output) = Run("ledger", "verify", a, b);

        Assert.Equal(1, exit);
        Assert.Contains("checkout (stage dev) was claimed under token 11 by a", output, StringComparison.Ordinal);
        Assert.Contains("and by b", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralLedgers_WithHead_OrAMissingOne_ExitTwo()
    {
        var a = await Replica("a", ("checkout", 11));

        Assert.Equal(2, Run("ledger", "verify", a, Path.Combine(_dir, "nope.jsonl")).Exit);
        Assert.Equal(2, Run("ledger", "verify", a, a, "--head", Path.ChangeExtension(a, ".head")).Exit);
    }
}
