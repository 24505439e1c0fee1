using Lumen.Core.Policy;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Commands;

/// <summary><c>lumen canary check --from</c> on a records file with a 60 MB line: exit 2 naming the line, the line never printed.</summary>
public sealed class CanaryCheckBoundedInputTests
{
    [Fact]
    public void Check_60MegabyteRecordLine_Exit2NamesTheLineWithoutEchoingIt()
    {
        using var dir = new TempDir();
        var from = Path.Combine(dir.Path, "records.jsonl");
        using (var file = new StreamWriter(from))
        {
            file.Write("{\"ts\":\"");
            var block = new string('Q', 1 << 20);
            for (var i = 0; i < 60; i++)
            {
                file.Write(block);
            }

            file.Write("\"}\n");
        }

        var console = new TestConsole();
        console.Profile.Width = 400;
        var code = LumenApp.Run(["canary", "check", "--stage", "dev", "--from", from, "--out", Path.Combine(dir.Path, "report.json"),
            "--config-dir", Path.Combine(CliFixtures.RepoRoot, "config")], console,
            new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["LUMEN_STATE_DIR"] = Path.Combine(dir.Path, "state") }));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{from}:1: expected a record line of at most 65536 bytes", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("QQQQ", console.Output, StringComparison.Ordinal);
        Assert.True(console.Output.Length < 1000, $"{console.Output.Length} characters of output");
        Assert.False(File.Exists(Path.Combine(dir.Path, "report.json")));
    }
}
