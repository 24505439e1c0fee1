using Lumen.Adapters.Config;
using Lumen.Core.Documents;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;

namespace Lumen.Adapters.Tests.Config;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void Load_ShippedConfig_IsValid()
    {
        var result = ConfigLoader.Load(ConfigFixtures.ShippedDir);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.NotNull(result.Config);
    }

    [Theory]
    [InlineData("dev", 600, 0.05, 0.50)]
    [InlineData("staging", 500, 0.03, 0.55)]
    [InlineData("prod", 400, 0.02, 0.60)]
    public void Load_ShippedConfig_HasTheSeedSlos(string stage, double p95Ms, double errorRate, double coherenceMin)
    {
        var config = ConfigLoader.Load(ConfigFixtures.ShippedDir).Config!;

        var slo = config.StageMatrix.Find(stage)!.Slo;

        Assert.Equal(new Slo(p95Ms, errorRate, coherenceMin), slo);
    }

    [Fact]
    public void Load_ShippedConfig_ProdHasTheSeedLambdaAndApprovals()
    {
        var config = ConfigLoader.Load(ConfigFixtures.ShippedDir).Config!;

        var prod = config.StageMatrix.Find("prod")!;

        Assert.Equal(0.3, prod.Policy.RewardMixLambda);
        Assert.True(prod.Policy.ApprovalRequired);
        Assert.True(prod.Policy.Conservative);
        Assert.Equal(new Uri("http://127.0.0.1:9090"), prod.Endpoints.Prometheus);
        Assert.Equal("LUMEN_SLACK_WEBHOOK_URL", prod.Endpoints.SlackWebhookEnv);
        Assert.Null(prod.Endpoints.Loki);
    }

    [Fact]
    public void Load_ShippedConfig_CheckoutHasItsKnobsAndHttpExecutors()
    {
        var config = ConfigLoader.Load(ConfigFixtures.ShippedDir).Config!;

        var checkout = config.Services.Find("checkout")!;

        Assert.Equal(["concurrency_limit", "cache_size_mb", "timeout_ms"], checkout.Knobs.Select(k => k.Name));
        Assert.Equal(new KnobSpec("timeout_ms", 100, 5000, 1500, 100, true, 60, 0.0001), checkout.FindKnob("timeout_ms"));
        Assert.Equal(TimeSpan.FromMinutes(5), checkout.Window.Value);
        var canary = Assert.IsType<HttpExecutorSpec>(checkout.Executors.Canary);
        Assert.Equal(new HttpExecutorSpec(new Uri("http://127.0.0.1:8081/admin/config"), "CHECKOUT_ADMIN_TOKEN", 2000), canary);
        Assert.Contains("$window", checkout.Sli.P95Ms, StringComparison.Ordinal);
        Assert.Null(checkout.Sli.Saturation);
    }

    [Fact]
    public void Load_ShippedConfig_OnlyCheckout_AtTheFixedPortsOfTheLiveDemo()
    {
        var config = ConfigLoader.Load(ConfigFixtures.ShippedDir).Config!;

        var service = Assert.Single(config.Services.Services);
        Assert.Equal("checkout", service.Name);
        Assert.Equal(new Uri("http://127.0.0.1:8081/admin/config"), Assert.IsType<HttpExecutorSpec>(service.Executors.Canary).Url);
        Assert.Equal(new Uri("http://127.0.0.1:8080/admin/config"), Assert.IsType<HttpExecutorSpec>(service.Executors.Baseline).Url);
        Assert.All(config.StageMatrix.Stages, s => Assert.Equal(new Uri("http://127.0.0.1:9090"), s.Endpoints.Prometheus));
    }

    [Fact]
    public void Load_TestDataSearch_HasFileExecutorsWithReloadCommands()
    {
        var config = ConfigLoader.Load(ConfigFixtures.ValidDir).Config!;

        var canary = Assert.IsType<FileExecutorSpec>(config.Services.Find("search")!.Executors.Canary);

        Assert.Equal(FileFormat.Env, canary.Format);
        Assert.Equal("systemctl", canary.ReloadCommand[0]);
    }

    [Fact]
    public void Load_ShippedConfig_CanaryAndRulesAreMapped()
    {
        var config = ConfigLoader.Load(ConfigFixtures.ShippedDir).Config!;

        var prod = config.CanaryPolicy.Find("prod")!;
        Assert.Equal(0.99, prod.Confidence);
        Assert.Equal([PhaseLabel.Trough, PhaseLabel.Rising], prod.AllowedPhases.ToArray());
        Assert.Equal(1.05, prod.Gates.LatencyP95.MaxRatio);
        Assert.True(prod.Gates.CoherenceEnabled);

        var rule = config.FeedbackRules.Find("latency-pressure-high")!;
        Assert.Equal(new RuleCondition(RuleCoordinate.LatencyPressure, ComparisonOp.GreaterThan, 1.0), rule.When);
        Assert.Equal(new RuleCondition(RuleCoordinate.LatencyPressure, ComparisonOp.LessThan, 0.9), rule.ClearWhen);
        Assert.Equal(3, rule.ForIntervals);
        Assert.Equal(new RuleProposal("concurrency_limit", KnobDirection.Increase), rule.Propose);
        Assert.Equal(Severity.Warning, rule.Notify!.Severity);
        Assert.False(rule.Managed);
        Assert.Null(config.FeedbackRules.Find("coherence-low")!.Propose);
    }

    [Fact]
    public void Load_TestDataValidCopy_IsValid()
    {
        using var dir = ConfigFixtures.ValidCopy();

        var result = ConfigLoader.Load(dir.Path);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_BrokenFixture_ReportsFileLineColumnAndKey(string caseName, string file, int line, int column, string path, string message)
    {
        using var dir = ConfigFixtures.BrokenCopy(caseName);

        var result = ConfigLoader.Load(dir.Path);

        Assert.Null(result.Config);
        Assert.False(result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal(dir.File(file), e.File));
        var error = Assert.Single(result.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(line, error.Line);
        if (column > 0)
        {
            Assert.Equal(column, error.Column);
        }
    }

    public static IEnumerable<object[]> Cases() => ConfigFixtures.InvalidCases();

    [Fact]
    public void InvalidFixtures_AreAtLeastTwenty_AndEachHasAFolder()
    {
        var cases = ConfigFixtures.InvalidCases().Select(c => (string)c[0]).ToList();

        Assert.True(cases.Count >= 20, $"only {cases.Count} cases");
        Assert.Equal(cases.Count, cases.Distinct().Count());
        Assert.All(cases, c => Assert.True(Directory.Exists(Path.Combine(ConfigFixtures.InvalidDir, c)), c));
    }

    [Fact]
    public void Load_SeveralMistakes_ReportsEveryOneInFileOrder()
    {
        using var dir = ConfigFixtures.ValidCopy();
        var text = File.ReadAllText(dir.File(ConfigFiles.StageMatrix))
            .Replace("ttl_minutes: 20", "ttl_minutes: -1", StringComparison.Ordinal)
            .Replace("reward_mix_lambda: 0.3 ", "reward_mix_lambda: 7 ", StringComparison.Ordinal)
            .Replace("linucb_alpha: 0.7", "linucb_alpha: wide", StringComparison.Ordinal);
        File.WriteAllText(dir.File(ConfigFiles.StageMatrix), text);

        var result = ConfigLoader.Load(dir.Path);

        Assert.Equal(
            ["stages.dev.policy.ttl_minutes", "stages.staging.policy.linucb_alpha", "stages.prod.policy.reward_mix_lambda"],
            result.Errors.Select(e => e.Path));
        Assert.Equal(result.Errors.OrderBy(e => e.Line).Select(e => e.Line), result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Load_ErrorsInTwoFiles_ReportsBoth()
    {
        using var dir = ConfigFixtures.BrokenCopy("negative-ttl");
        File.Copy(Path.Combine(ConfigFixtures.InvalidDir, "rule-bad-for", ConfigFiles.FeedbackRules), dir.File(ConfigFiles.FeedbackRules), overwrite: true);

        var result = ConfigLoader.Load(dir.Path);

        Assert.Equal([dir.File(ConfigFiles.StageMatrix), dir.File(ConfigFiles.FeedbackRules)], result.Errors.Select(e => e.File));
    }

    [Fact]
    public void Load_WrongTypeValue_IsReportedOnceNotAgainAsOutOfRange()
    {
        using var dir = ConfigFixtures.BrokenCopy("delta-clamp-string");

        var result = ConfigLoader.Load(dir.Path);

        var error = Assert.Single(result.Errors);
        Assert.Equal("stages.staging.policy.delta_clamp", error.Path);
    }

    [Fact]
    public void Load_MissingDirectory_IsAnErrorNotAnException()
    {
        var missing = Path.Combine(Path.GetTempPath(), "lumen-missing-" + Guid.NewGuid().ToString("N"));

        var result = ConfigLoader.Load(missing);

        var error = Assert.Single(result.Errors);
        Assert.Equal(missing, error.File);
        Assert.Contains("no such directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_NamesTheFile()
    {
        using var dir = ConfigFixtures.ValidCopy();
        File.Delete(dir.File(ConfigFiles.CanaryPolicy));

        var result = ConfigLoader.Load(dir.Path);

        var error = Assert.Single(result.Errors);
        Assert.Equal(dir.File(ConfigFiles.CanaryPolicy), error.File);
        Assert.Contains("no such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyFile_SaysSo()
    {
        using var dir = ConfigFixtures.ValidCopy();
        File.WriteAllText(dir.File(ConfigFiles.FeedbackRules), "# nothing here yet\n");

        var result = ConfigLoader.Load(dir.Path);

        var error = Assert.Single(result.Errors);
        Assert.Equal(dir.File(ConfigFiles.FeedbackRules), error.File);
        Assert.Contains("empty file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RulesAsEmptyList_IsValid()
    {
        using var dir = ConfigFixtures.ValidCopy();
        File.WriteAllText(dir.File(ConfigFiles.FeedbackRules), "version: 1\nrules: []\n");

        var result = ConfigLoader.Load(dir.Path);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Config!.FeedbackRules.Rules);
    }

    [Fact]
    public void Load_OmittedPolicyKeys_TakeTheDocumentedDefaults()
    {
        using var dir = ConfigFixtures.ValidCopy();
        File.WriteAllText(dir.File(ConfigFiles.StageMatrix), """
            version: 1
            stages:
              dev:
                endpoints:
                  prometheus: http://127.0.0.1:9090
                slo:
                  latency_p95_ms: 600
                  error_rate: 0.05
                  coherence_min: 0.5
              staging:
                endpoints: {prometheus: "http://127.0.0.1:9090"}
                slo: {latency_p95_ms: 500, error_rate: 0.03, coherence_min: 0.55}
              prod:
                endpoints: {prometheus: "https://prometheus.example:9090"}
                policy: {ttl_minutes: 45}
                slo: {latency_p95_ms: 400, error_rate: 0.02, coherence_min: 0.6}
            """);

        var result = ConfigLoader.Load(dir.Path);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(StageMatrixReader.DefaultPolicy, result.Config!.StageMatrix.Find("dev")!.Policy);
        Assert.Equal(StageMatrixReader.DefaultPolicy with { TtlMinutes = 45 }, result.Config.StageMatrix.Find("prod")!.Policy);
    }

    [Fact]
    public void Load_CommandAndSimExecutors_AreMapped()
    {
        using var dir = ConfigFixtures.ValidCopy();
        var text = File.ReadAllText(dir.File(ConfigFiles.Services));
        var at = text.IndexOf("    executors:                      # one per track", StringComparison.Ordinal);
        var end = text.IndexOf("  - name: search", StringComparison.Ordinal);
        text = text[..at] + """
                executors:
                  canary:
                    kind: command
                    command: [/usr/local/bin/set-knob, --track, canary]
                  baseline:
                    kind: sim

            """ + text[end..];
        File.WriteAllText(dir.File(ConfigFiles.Services), text);

        var result = ConfigLoader.Load(dir.Path);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var executors = result.Config!.Services.Find("checkout")!.Executors;
        var command = Assert.IsType<CommandExecutorSpec>(executors.Canary);
        Assert.Equal(["/usr/local/bin/set-knob", "--track", "canary"], command.Command.ToArray());
        Assert.Equal(CommandExecutorSpec.DefaultTimeoutMs, command.TimeoutMs);
        Assert.IsType<SimExecutorSpec>(executors.Baseline);
    }

    [Fact]
    public void ConfigError_ToString_IsFileLineColumnKeyMessage()
    {
        var error = new ConfigError("config/stage_matrix.yaml", 55, 26, "stages.prod.policy.reward_mix_lambda", "expected a number in [0, 1], found 1.3");

        Assert.Equal("config/stage_matrix.yaml:55:26: stages.prod.policy.reward_mix_lambda: expected a number in [0, 1], found 1.3", error.ToString());
        Assert.Equal("env: DRY_RUN: expected x", new ConfigError("env", 0, 0, "DRY_RUN", "expected x").ToString());
    }
}
