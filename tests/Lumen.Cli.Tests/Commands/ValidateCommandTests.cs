using Lumen.Core.Policy;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Commands;

public sealed class ValidateCommandTests
{
    private static (int Exit, string Output) Run(IEnvironmentVariables env, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 400;
        var exit = LumenApp.Run(["validate", .. args], console, env);
        return (exit, console.Output);
    }

    private static DictionaryEnvironmentVariables Env(params (string Name, string Value)[] vars) =>
        new(vars.ToDictionary(v => v.Name, v => v.Value));

    [Fact]
    public void Validate_ShippedConfig_PrintsOkWithASummaryPerFile()
    {
        var dir = Path.Combine(CliFixtures.RepoRoot, "config");

        var (exit, output) = Run(Env(), "--config-dir", dir);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith($"OK {dir}", output, StringComparison.Ordinal);
        Assert.Contains("stage_matrix.yaml: 3 stages (dev, staging, prod)", output, StringComparison.Ordinal);
        Assert.Contains("services.yaml: 1 service (checkout), 3 knobs", output, StringComparison.Ordinal);
        Assert.Contains("canary_policy.yaml: 3 stages (dev, staging, prod)", output, StringComparison.Ordinal);
        Assert.Contains("feedback_rules.yaml: 12 rules (9 managed)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WithStageAndOverrides_PrintsTheEffectiveStage()
    {
        var env = Env(("LUMEN_CONFIG_DIR", CliFixtures.ValidDir), ("DRY_RUN", "0"), ("REWARD_MIX_LAMBDA", "0.1"));

        var (exit, output) = Run(env, "--stage", "prod");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("stage prod: prometheus http://127.0.0.1:9090/, dry_run 0, approval_required 1, reward_mix_lambda 0.1, safe_apply 0", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_BrokenFixture_PrintsFileLineColumnKeyAndExits2(string caseName, string file, int line, int column, string path, string message)
    {
        using var dir = CliFixtures.BrokenCopy(caseName);
        var before = CliFixtures.Snapshot(dir.Path);

        var (exit, output) = Run(Env(), "--config-dir", dir.Path);

        Assert.Equal(ExitCodes.BadInput, exit);
        var where = column > 0 ? $"{Path.Combine(dir.Path, file)}:{line}:{column}: " : $"{Path.Combine(dir.Path, file)}:{line}:";
        var key = path.Length > 0 ? $"{path}: " : "";
        Assert.Contains(output.Split('\n'), l => l.StartsWith(where, StringComparison.Ordinal) && l.Contains(key, StringComparison.Ordinal) && l.Contains(message, StringComparison.Ordinal));
        Assert.Contains("configuration is invalid", output, StringComparison.Ordinal);
        Assert.Equal(before, CliFixtures.Snapshot(dir.Path));
    }

    public static IEnumerable<object[]> Cases() => CliFixtures.InvalidCases();

    [Fact]
    public void Validate_BadEnvironment_NamesTheVariableAndExits2()
    {
        var env = Env(("LUMEN_PROMETHEUS_URL", "localhost:9090"), ("APPROVAL_REQUIRED", "sure"));

        var (exit, output) = Run(env, "--config-dir", CliFixtures.ValidDir);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("env: LUMEN_PROMETHEUS_URL: expected an absolute http(s) URL, found \"localhost:9090\"", output, StringComparison.Ordinal);
        Assert.Contains("env: APPROVAL_REQUIRED: expected one of 0, 1, true, false, found \"sure\"", output, StringComparison.Ordinal);
        Assert.Contains("2 errors: configuration is invalid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownStage_Exits2()
    {
        var (exit, output) = Run(Env(), "--config-dir", CliFixtures.ValidDir, "--stage", "qa");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("stages: expected a stage named \"qa\" (known: dev, staging, prod), found none (from --stage qa)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingConfigDir_Exits2()
    {
        var (exit, output) = Run(Env(), "--config-dir", "/nonexistent/lumen-config");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("/nonexistent/lumen-config: expected a config directory", output, StringComparison.Ordinal);
    }
}
