using Lumen.Adapters.Params;

namespace Lumen.Adapters.Tests.Thresholds;

public sealed class ParamsTests
{
    public static TheoryData<string> Awkward => new()
    {
        "plain", "", "with space", "it's", "'", "''", "$HOME", "`id`", "$(id)", "a\"b", "back\\slash", "semi;colon && x", "new\nline", "tab\there", "*", "~", "#not-a-comment", "ünïcödé",
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public void Quote_AwkwardValue_BashReadsItBackLiterally(string value)
    {
        using var dir = new TempDir();
        var script = dir.Write("s.sh", "printf '%s' " + ShellQuote.Quote(value) + "\n");

        var result = ExternalTool.Run("bash", dir.Path, script);

        Assert.True(result.ExitCode == 0, result.Describe("bash"));
        Assert.Equal(value, result.StdOut);
    }

    [Fact]
    public void EnvFile_SourcedByBash_GivesBackEveryValue()
    {
        using var dir = new TempDir();
        EnvVariable[] vars = [new("LUMEN_A", "it's $HOME"), new("LUMEN_B", "x;y"), new("LUMEN_C", "")];
        var env = dir.Write(".env.dev", EnvFileRenderer.EnvFile("dev", [.. vars]));
        var script = dir.Write("s.sh", $"set -a; . '{env}'; set +a; printf '%s|' \"$LUMEN_A\" \"$LUMEN_B\" \"$LUMEN_C\"\n");

        var result = ExternalTool.Run("bash", dir.Path, script);

        Assert.True(result.ExitCode == 0, result.Describe("bash"));
        Assert.Equal("it's $HOME|x;y||", result.StdOut);
    }
}
