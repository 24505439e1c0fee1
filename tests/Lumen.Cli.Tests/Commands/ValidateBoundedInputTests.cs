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
