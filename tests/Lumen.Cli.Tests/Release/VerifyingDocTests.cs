using Lumen.Cli.Tests.Deploy;

namespace Lumen.Cli.Tests.Release;

/// <summary>docs/VERIFYING.md's openssl commands, run as written on a release signed by the tests.</summary>
public sealed class VerifyingDocTests : IDisposable
{
    private readonly FakeRelease _release = new();

    public VerifyingDocTests()
    {
        Assert.Equal(0, _release.Seal().Exit);
        File.Copy(_release.PublicKeyFile, _release.PathOf("lumen-release.pub"));
    }

    public void Dispose() => _release.Dispose();

    [Fact]
    public void OpensslCommands_GoodRelease_Succeed()
    {
        var result = Tool.Bash(DocBlock("openssl"), _release.Dir);

        Assert.True(result.ExitCode == 0, result.Describe("VERIFYING.md's openssl commands"));
        Assert.Equal(5, CountOf(result.StdOut, "Verified OK"));
        Assert.Equal(4 + 3, CountOf(result.StdOut, ": OK"));
    }

    [Theory]
    [InlineData("lumen")]
    [InlineData("lumen-0.1.0-linux-x64.tar.gz")]
    [InlineData("Lumen.Cli.0.1.0.nupkg")]
    [InlineData("lumen-0.1.0.cdx.json")]
    [InlineData("SHA256SUMS")]
    [InlineData("lumen.sig")]
    public void OpensslCommands_OneFlippedByte_Fail(string file)
    {
        _release.FlipByte(file);

        var result = Tool.Bash(DocBlock("openssl"), _release.Dir);

        Assert.NotEqual(0, result.ExitCode);
    }

    private static int CountOf(string text, string what) =>
        text.Split('\n').Count(l => l.EndsWith(what, StringComparison.Ordinal));

    /// <summary>The fenced block after <c>&lt;!-- test: NAME --&gt;</c> in docs/VERIFYING.md.</summary>
    internal static string DocBlock(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Tool.RepoRoot, "docs", "VERIFYING.md"));
        var start = Array.IndexOf(lines, $"<!-- test: {name} -->");
        Assert.True(start >= 0 && lines[start + 1].StartsWith("```", StringComparison.Ordinal), $"no tested block {name} in VERIFYING.md");
        var end = Array.FindIndex(lines, start + 2, l => l.StartsWith("```", StringComparison.Ordinal));
        return string.Join('\n', lines[(start + 2)..end]);
    }
}
