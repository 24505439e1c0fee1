namespace Lumen.Cli.Tests.Commands;

/// <summary><c>lumen run</c> refuses to start on unsafe settings before it opens the ledger or serves anything.</summary>
public sealed class RunCommandStartTests
{
    [Theory]
    [InlineData("changeme")]
    [InlineData("console-token-for-tests")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Run_WeakConsoleToken_Exit2WithoutEchoingItAndNothingWritten(string token)
    {
        using var sandbox = new CliSandbox();
        var state = sandbox.PathOf("state");
        var env = new Dictionary<string, string> { ["LUMEN_CONSOLE_TOKEN"] = token, ["LUMEN_CONFIG_DIR"] = sandbox.ConfigDir };

        var (exit, output) = sandbox.Run(env, "run", "--stage", "dev", "--state-dir", state);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("LUMEN_CONSOLE_TOKEN: the token is too weak", output, StringComparison.Ordinal);
        Assert.Contains("lumen run did not start", output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(state));
    }

    [Fact]
    public async Task Run_CompleteButInvalidLastLedgerLine_RefusesNamingTheLineAndKeepsTheFile()
    {
        using var sandbox = new CliSandbox();
        var state = sandbox.PathOf("state");
        var options = Lumen.Adapters.LedgerStore.FileLedgerStoreOptions.InStateDirectory(state);
        await (await Lumen.Adapters.LedgerStore.FileLedgerStore.OpenAsync(options, TimeProvider.System)).DisposeAsync();
        var lines = File.ReadAllLines(options.LedgerPath).Length;
        await File.AppendAllTextAsync(options.LedgerPath, "{\"seq\":271,\"kind\":\"adjustment.applied\"}\n");
        var before = await File.ReadAllBytesAsync(options.LedgerPath);
        var env = new Dictionary<string, string> { ["LUMEN_CONFIG_DIR"] = sandbox.ConfigDir, ["CHECKOUT_ADMIN_TOKEN"] = "admin-token-for-the-test" };

        var (exit, output) = sandbox.Run(env, "run", "--stage", "dev", "--state-dir", state, "--once");

        Assert.Equal(ExitCodes.RuntimeError, exit);
        Assert.Contains($"line {lines + 1}", output, StringComparison.Ordinal);
        Assert.Contains("Refusing to open the ledger", output, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(options.LedgerPath));
        Assert.Empty(Directory.GetFiles(state, "*.torn-*"));
    }
}
