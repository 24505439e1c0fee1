using System.Security.Cryptography;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Commands;

public sealed class LedgerCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lumen-cli-ledger-" + Guid.NewGuid().ToString("N"));

    public LedgerCommandTests() => Directory.CreateDirectory(_dir);

    private string LedgerPath => Path.Combine(_dir, FileLedgerStoreOptions.DefaultFileName);

    private string HeadPath => Path.Combine(_dir, "proof_ledger.head");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task WriteLedger(int adjustments = 6, string? keyFile = null)
    {
        var options = FileLedgerStoreOptions.InStateDirectory(_dir) with { SigningKeyPath = keyFile };
        await using var store = await FileLedgerStore.OpenAsync(options, TimeProvider.System);
        for (var i = 0; i < adjustments; i++)
        {
            await store.AppendAsync(new LedgerDraft(i % 2 == 0 ? LedgerKinds.AdjustmentIntent : LedgerKinds.AdjustmentApplied,
                "dev", i < 4 ? "checkout" : "search", "loop", LedgerData.From(new { knob = "pool_size", to = 10 + i })));
        }
    }

    private static (int Exit, string Output) Run(params string[] args)
    {
        var console = new TestConsole().Width(1000);
        var exit = LumenApp.Run(args, console);
        return (exit, console.Output);
    }

    [Fact]
    public async Task Verify_ValidLedgerWithHead_ExitsZero()
    {
        await WriteLedger();

        var (exit, output) = Run("ledger", "verify", LedgerPath);

        Assert.Equal(0, exit);
        Assert.Contains("valid", output, StringComparison.Ordinal);
        Assert.Contains("7 entries", output, StringComparison.Ordinal);
        Assert.Contains("seq 7 matches", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ByteChangedInLine3_ExitsOneNamingLine3()
    {
        await WriteLedger();
        var lines = await File.ReadAllLinesAsync(LedgerPath);
        lines[2] = lines[2].Replace("\"to\":11", "\"to\":99", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(LedgerPath, lines);

        var (exit, output) = Run("ledger", "verify", LedgerPath);

        Assert.Equal(1, exit);
        Assert.Contains("INVALID", output, StringComparison.Ordinal);
        Assert.Contains("line 3: hash mismatch", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MiddleLineDeleted_ExitsOneNamingTheGap()
    {
        await WriteLedger();
        var lines = (await File.ReadAllLinesAsync(LedgerPath)).ToList();
        lines.RemoveAt(3);
        await File.WriteAllLinesAsync(LedgerPath, lines);

        var (exit, output) = Run("ledger", "verify", LedgerPath);

        Assert.Equal(1, exit);
        Assert.Contains("line 4: expected seq 4, found seq 5", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TwoLinesSwapped_ExitsOne()
    {
        await WriteLedger();
        var lines = await File.ReadAllLinesAsync(LedgerPath);
        (lines[1], lines[4]) = (lines[4], lines[1]);
        await File.WriteAllLinesAsync(LedgerPath, lines);

        var (exit, output) = Run("ledger", "verify", LedgerPath);

        Assert.Equal(1, exit);
        Assert.Contains("line 2:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_LastLinesDeleted_ExitsOneBecauseOfTheHead()
    {
        await WriteLedger();
        var lines = await File.ReadAllLinesAsync(LedgerPath);
        await File.WriteAllLinesAsync(LedgerPath, lines[..^2]);

        var (exit, output) = Run("ledger", "verify", LedgerPath, "--head", HeadPath);

        Assert.Equal(1, exit);
        Assert.Contains("line 6: the ledger ends at seq 5 but the head checkpoint says seq 7", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WithoutHeadFile_PassesWithAWarning()
    {
        await WriteLedger();
        File.Delete(HeadPath);

        var (exit, output) = Run("ledger", "verify", LedgerPath);

        Assert.Equal(0, exit);
        Assert.Contains("no head checkpoint", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SignedHead_ValidWithItsKeyInvalidWithAnother()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keyFile = Path.Combine(_dir, "key.pem");
        var pub = Path.Combine(_dir, "pub.pem");
        var otherPub = Path.Combine(_dir, "other.pem");
        await File.WriteAllTextAsync(keyFile, key.ExportECPrivateKeyPem());
        await File.WriteAllTextAsync(pub, key.ExportSubjectPublicKeyInfoPem());
        await File.WriteAllTextAsync(otherPub, other.ExportSubjectPublicKeyInfoPem());
        await WriteLedger(keyFile: keyFile);

        var good = Run("ledger", "verify", LedgerPath, "--pubkey", pub);
        var bad = Run("ledger", "verify", LedgerPath, "--pubkey", otherPub);

        Assert.Equal(0, good.Exit);
        Assert.Contains("signature: valid", good.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.Exit);
        Assert.Contains("signature does not verify", bad.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MissingLedger_ExitsTwo()
    {
        var (exit, output) = Run("ledger", "verify", Path.Combine(_dir, "nope.jsonl"));

        Assert.Equal(2, exit);
        Assert.Contains("not found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MissingExplicitHead_ExitsTwo()
    {
        await WriteLedger();

        Assert.Equal(2, Run("ledger", "verify", LedgerPath, "--head", Path.Combine(_dir, "nope.head")).Exit);
    }

    [Fact]
    public async Task Tail_TwoAsJson_PrintsTheLastTwoLinesVerbatim()
    {
        await WriteLedger();
        var lines = await File.ReadAllLinesAsync(LedgerPath);

        var (exit, output) = Run("ledger", "tail", LedgerPath, "-n", "2", "--json");

        Assert.Equal(0, exit);
        Assert.Equal(lines[^2..], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Tail_Table_ShowsTheLastEntries()
    {
        await WriteLedger();

        var (exit, output) = Run("ledger", "tail", LedgerPath, "-n", "3");

        Assert.Equal(0, exit);
        Assert.Contains("adjustment.applied", output, StringComparison.Ordinal);
        Assert.Contains("3 entries", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ledger.opened", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_KindPrefixAndService_FiltersEntries()
    {
        await WriteLedger();

        var (exit, output) = Run("ledger", "show", LedgerPath, "--kind", "adjustment.*", "--service", "search", "--json");

        var shown = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, exit);
        Assert.Equal(2, shown.Length);
        Assert.All(shown, line => Assert.Contains("\"service\":\"search\"", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Show_SinceInTheFuture_ShowsNothing()
    {
        await WriteLedger();

        var (exit, output) = Run("ledger", "show", LedgerPath, "--since", "2999-01-01T00:00:00Z");

        Assert.Equal(0, exit);
        Assert.Contains("0 entries", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_SinceTwoHours_ShowsRecentEntries()
    {
        await WriteLedger();

        var (exit, output) = Run("ledger", "show", LedgerPath, "--since", "2h", "--kind", LedgerKinds.LedgerOpened);

        Assert.Equal(0, exit);
        Assert.Contains("1 entry", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_BadSince_IsRejected()
    {
        var (exit, output) = Run("ledger", "show", LedgerPath, "--since", "yesterday");

        Assert.NotEqual(0, exit);
        Assert.Contains("--since", output, StringComparison.Ordinal);
    }
}
