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
}
