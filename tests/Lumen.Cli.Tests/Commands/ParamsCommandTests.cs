namespace Lumen.Cli.Tests.Commands;

public sealed class ParamsCommandTests
{
    [Fact]
    public void Params_ExampleStage_WritesTheEnvFileAndPrintsTheSameAsExports()
    {
        using var box = new CliSandbox();
        var envFile = box.PathOf(".env.prod");

        var (code, stdout) = box.Run(null, "params", "prod", "--config-dir", box.ConfigDir, "--out", envFile);

        Assert.Equal(0, code);
        var exports = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(exports, l => Assert.StartsWith("export LUMEN_", l.Replace("export DRY_RUN", "export LUMEN_", StringComparison.Ordinal)
            .Replace("export SAFE_APPLY", "export LUMEN_", StringComparison.Ordinal).Replace("export APPROVAL_REQUIRED", "export LUMEN_", StringComparison.Ordinal)
            .Replace("export REWARD_MIX_LAMBDA", "export LUMEN_", StringComparison.Ordinal), StringComparison.Ordinal));
        var fileLines = File.ReadAllLines(envFile).Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal(exports.Select(l => l["export ".Length..]), fileLines);
        Assert.Contains("LUMEN_STAGE='prod'", fileLines);
        Assert.Contains("LUMEN_PROMETHEUS_URL='http://127.0.0.1:9090'", fileLines);
        Assert.Contains("LUMEN_ALERTMANAGER_URL='http://127.0.0.1:9093'", fileLines);
        Assert.Contains("LUMEN_INTERVAL_SECONDS='30'", fileLines);
        Assert.Contains("REWARD_MIX_LAMBDA='0.3'", fileLines);
        Assert.Contains("LUMEN_LINUCB_ALPHA='0.05'", fileLines);
        Assert.Contains("LUMEN_MAX_ACTIVE_ADJUSTMENTS='1'", fileLines);
        Assert.Contains("LUMEN_DELTA_CLAMP='0.1'", fileLines);
        Assert.Contains("LUMEN_TTL_MINUTES='60'", fileLines);
        Assert.Contains("LUMEN_COOLDOWN_MINUTES='15'", fileLines);
        Assert.Contains("APPROVAL_REQUIRED='1'", fileLines);
        Assert.Contains("DRY_RUN='1'", fileLines);
        Assert.Contains("LUMEN_SLO_LATENCY_P95_MS='400'", fileLines);
        Assert.Contains("LUMEN_SLO_ERROR_RATE='0.02'", fileLines);
        Assert.Contains("LUMEN_COHERENCE_MIN='0.6'", fileLines);
        Assert.Contains("LUMEN_CANARY_CONFIDENCE='0.99'", fileLines);
    }

    [Fact]
    public void Params_EnvOverrides_ReplaceTheConfigValues()
    {
        using var box = new CliSandbox();
        var env = new Dictionary<string, string>
        {
            ["REWARD_MIX_LAMBDA"] = "0.9",
            ["LUMEN_PROMETHEUS_URL"] = "http://prom.example:9090",
            ["DRY_RUN"] = "0",
            ["SAFE_APPLY"] = "1",
        };

        var (code, stdout) = box.Run(env, "params", "dev", "--config-dir", box.ConfigDir, "--out", box.PathOf(".env.dev"));

        Assert.Equal(0, code);
        Assert.Contains("export REWARD_MIX_LAMBDA='0.9'\n", stdout, StringComparison.Ordinal);
        Assert.Contains("export LUMEN_PROMETHEUS_URL='http://prom.example:9090'\n", stdout, StringComparison.Ordinal);
        Assert.Contains("export DRY_RUN='0'\n", stdout, StringComparison.Ordinal);
        Assert.Contains("export SAFE_APPLY='1'\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Params_Secrets_OnlyTheirNamesAppear()
    {
        using var box = new CliSandbox();
        var env = new Dictionary<string, string>
        {
            // secretlint-disable-next-line @secretlint/secretlint-rule-slack -- a made-up URL the test proves is never printed
            ["LUMEN_SLACK_WEBHOOK_URL"] = "https://hooks.slack.com/services/T000/B000/very-secret",
            ["CHECKOUT_ADMIN_TOKEN"] = "token-value-42",
        };
        var envFile = box.PathOf(".env.dev");

        var (code, stdout) = box.Run(env, "params", "dev", "--config-dir", box.ConfigDir, "--out", envFile);

        Assert.Equal(0, code);
        var written = stdout + File.ReadAllText(envFile);
        Assert.DoesNotContain("very-secret", written, StringComparison.Ordinal);
        Assert.DoesNotContain("token-value-42", written, StringComparison.Ordinal);
        Assert.Contains("export LUMEN_SECRET_ENV_NAMES='CHECKOUT_ADMIN_TOKEN LUMEN_SLACK_WEBHOOK_URL'\n", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qa", null)]
    [InlineData("../../etc", null)]
    [InlineData("dev", "REWARD_MIX_LAMBDA")]
    public void Params_UnknownStageOrBadOverride_ExitsTwoAndWritesNothing(string stage, string? badVariable)
    {
        using var box = new CliSandbox();
        var env = badVariable is null ? null : new Dictionary<string, string> { [badVariable] = "2" };
        var envFile = box.PathOf("out.env");

        var (code, stdout) = box.Run(env, "params", stage, "--config-dir", box.ConfigDir, "--out", envFile);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.False(File.Exists(envFile));
        Assert.Equal(["config"], Directory.GetFileSystemEntries(box.Root).Select(Path.GetFileName));
    }

    [Trait("Speed", "Slow")] // evaluates the output in bash
    [Fact]
    public void Params_EvalInBash_ExportsEveryValueLiterally()
    {
        // Quotes, spaces and a dollar in the path: eval must keep them as they are.
        using var box = new CliSandbox("it's a $dir");
        var result = box.Bash("""
            eval "$(lumen params dev --config-dir "$PWD/config")" || exit 9
            printf '%s|' "$LUMEN_STAGE" "$LUMEN_CONFIG_DIR" "$REWARD_MIX_LAMBDA" "$DRY_RUN" "$LUMEN_SLO_ERROR_RATE"
            ( set -a; . ./.env.dev; set +a; printf '%s|' "$LUMEN_CONFIG_DIR" ) > sourced.txt
            """);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.StdOut}\n{result.StdErr}");
        Assert.Equal($"dev|{box.ConfigDir}|0.5|1|0.05|", result.StdOut);
        Assert.Contains("lumen params: wrote .env.dev", result.StdErr, StringComparison.Ordinal);
        Assert.Equal($"{box.ConfigDir}|", File.ReadAllText(box.PathOf("sourced.txt")));
    }
}
