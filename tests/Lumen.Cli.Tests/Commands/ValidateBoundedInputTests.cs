namespace Lumen.Cli.Tests.Commands;

/// <summary><c>lumen validate</c> on hostile YAML: bounded depth and size, a positioned error and exit 2, never a crash.</summary>
public sealed class ValidateBoundedInputTests
{
    [Fact]
    public void Validate_200000NestedBrackets_Exit2WithFileLineColumn()
    {
        using var sandbox = new CliSandbox();
        var services = Path.Combine(sandbox.ConfigDir, "services.yaml");
        File.WriteAllText(services, "services: " + new string('[', 200_000) + "\n");

        var (exit, output) = sandbox.Run(null, "validate", "--config-dir", sandbox.ConfigDir);

        Assert.Equal(ExitCodes.BadInput, exit);
        // The top mapping is level 1, so the 64th '[' (column 11 + 63) is where the nesting goes too deep.
        Assert.Contains(output.Split('\n'), l => l.StartsWith($"{services}:1:74: ", StringComparison.Ordinal)
            && l.Contains("at most 64 levels of nested mappings and sequences", StringComparison.Ordinal));
        Assert.Contains("configuration is invalid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DeeplyNestedBlockMappings_Exit2WithFileLineColumn()
    {
        using var sandbox = new CliSandbox();
        var rules = Path.Combine(sandbox.ConfigDir, "feedback_rules.yaml");
        File.WriteAllText(rules, string.Concat(Enumerable.Range(0, 100).Select(i => new string(' ', i * 2) + "k" + i + ":\n")) + new string(' ', 200) + "v\n");

        var (exit, output) = sandbox.Run(null, "validate", "--config-dir", sandbox.ConfigDir);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains(output.Split('\n'), l => l.StartsWith($"{rules}:65:", StringComparison.Ordinal)
            && l.Contains("at most 64 levels", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AliasBomb_Exit2WithFileLineColumnAtTheAliasThatCrossesTheBound()
    {
        using var sandbox = new CliSandbox();
        var rules = Path.Combine(sandbox.ConfigDir, "feedback_rules.yaml");
        // Nine levels of ten aliases each: a billion scalars once expanded, 1 KiB on disk.
        var bomb = new System.Text.StringBuilder("version: 1\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
        {
            bomb.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        File.WriteAllText(rules, bomb + "rules: []\n");

        var started = System.Diagnostics.Stopwatch.StartNew();
        var (exit, output) = sandbox.Run(null, "validate", "--config-dir", sandbox.ConfigDir);

        Assert.Equal(ExitCodes.BadInput, exit);
        // a5 (line 7) expands to 1,111,111 nodes: one of its aliases crosses 1,000,000.
        Assert.Contains(output.Split('\n'), l => l.StartsWith($"{rules}:7:", StringComparison.Ordinal)
            && l.Contains("at most 1000000 nodes with every alias expanded", StringComparison.Ordinal));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"took {started.Elapsed}");
    }

    [Fact]
    public void Validate_ConfigFileOverOneMebibyte_Exit2NotRead()
    {
        using var sandbox = new CliSandbox();
        var canary = Path.Combine(sandbox.ConfigDir, "canary_policy.yaml");
        File.AppendAllText(canary, "\n# " + new string('x', 1024 * 1024) + "\n");

        var (exit, output) = sandbox.Run(null, "validate", "--config-dir", sandbox.ConfigDir);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains($"{canary}: expected a config file of at most 1048576 bytes", output, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxxxxxx", output, StringComparison.Ordinal);
    }
}
