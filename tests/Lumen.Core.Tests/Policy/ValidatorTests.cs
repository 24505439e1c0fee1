using System.Collections.Immutable;
using Lumen.Core.Policy;

namespace Lumen.Core.Tests.Policy;

public sealed class ValidatorTests
{
    private static readonly StagePolicy Policy = new(30, true, 0.3, 1.0, false, 1, 0.1, 30, 10, false);

    private static StageMatrix Matrix(StagePolicy policy, Slo? slo = null) =>
        new([new StageConfig("prod", new StageEndpoints(new Uri("http://127.0.0.1:9090"), null, null, "SLACK_URL"), policy, slo ?? new Slo(400, 0.02, 0.6))]);

    [Fact]
    public void StageMatrix_ValidPolicy_HasNoProblems()
    {
        Assert.Empty(StageMatrixValidator.Validate(Matrix(Policy)));
    }

    [Theory]
    [InlineData(-0.1, "stages.prod.policy.reward_mix_lambda")]
    [InlineData(1.01, "stages.prod.policy.reward_mix_lambda")]
    public void StageMatrix_LambdaOutsideUnitInterval_IsAProblemAtItsPath(double lambda, string path)
    {
        var problem = Assert.Single(StageMatrixValidator.Validate(Matrix(Policy with { RewardMixLambda = lambda })));
        Assert.Equal(path, problem.Path);
        Assert.Equal(ConfigFiles.StageMatrix, problem.Source);
    }

    [Fact]
    public void StageMatrix_EveryRangeIsChecked()
    {
        var bad = new StagePolicy(0, true, 2, -1, false, -1, 0, 0, -1, false);

        var paths = StageMatrixValidator.Validate(Matrix(bad, new Slo(0, 0, 2))).Select(p => p.Path.Split('.')[^1]).ToList();

        Assert.Equal(
            ["interval_seconds", "reward_mix_lambda", "linucb_alpha", "max_active_adjustments", "delta_clamp", "ttl_minutes", "cooldown_minutes", "latency_p95_ms", "error_rate", "coherence_min"],
            paths);
    }

    [Fact]
    public void StageMatrix_NoStages_IsAProblem()
    {
        Assert.Equal("stages", Assert.Single(StageMatrixValidator.Validate(new StageMatrix([]))).Path);
    }

    private static ServiceCatalog Catalog(params KnobSpec[] knobs) =>
        new([new ServiceConfig("checkout", new PromDuration("5m", TimeSpan.FromMinutes(5)), new SliQueries("a{service=\"$service\"}", "b", "c", null), [.. knobs], new ServiceExecutors(new SimExecutorSpec(), null))]);

    [Theory]
    [InlineData(10, 5, 7, 1, false, "min", "expected min < max")]
    [InlineData(0, 10, 11, 1, false, "default", "expected a default within [min, max] = [0, 10], found 11")]
    [InlineData(0, 10, 5, 0, false, "step", "expected a step > 0")]
    [InlineData(0, 10, 5, 20, false, "step", "no larger than max - min")]
    [InlineData(0, 10, 5.5, 1, true, "default", "expected a whole number")]
    public void Services_BadKnob_IsAProblemAtTheKey(double min, double max, double dflt, double step, bool integer, string key, string message)
    {
        var problem = Assert.Single(ServiceCatalogValidator.Validate(Catalog(new KnobSpec("k", min, max, dflt, step, integer, 60, 0))));

        Assert.Equal($"services[0].knobs[0].{key}", problem.Path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_ProposingAnUnknownKnob_ListsTheKnownKnobs()
    {
        var rules = new FeedbackRuleSet([new FeedbackRule("r", new RuleCondition(RuleCoordinate.Load, ComparisonOp.GreaterThan, 1), 1, null, null, [], new RuleProposal("nope", KnobDirection.Increase), null, false)]);

        var problem = Assert.Single(FeedbackRulesValidator.Validate(rules, Catalog(new KnobSpec("k", 0, 10, 5, 1, false, 60, 0)), null));

        Assert.Equal("rules[0].propose.knob", problem.Path);
        Assert.Contains("(k), found \"nope\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvOverrides_ApplyTo_ReplacesOnlyWhatIsSet()
    {
        var stage = Matrix(Policy).Stages[0];
        var overrides = EnvOverrides.None with { RewardMixLambda = 0.9, DryRun = false };

        var applied = overrides.ApplyTo(stage);

        Assert.Equal(Policy with { RewardMixLambda = 0.9, DryRun = false }, applied.Policy);
        Assert.Equal(stage.Endpoints, applied.Endpoints);
        Assert.Equal(stage, EnvOverrides.None.ApplyTo(stage));
    }

    [Fact]
    public void EnvOverridesParser_Defaults_AreDocumentedValues()
    {
        var (overrides, problems) = EnvOverridesParser.Parse(DictionaryEnvironmentVariables.Empty);

        Assert.Empty(problems);
        Assert.Equal(EnvOverrides.None, overrides);
        Assert.Equal("./config", overrides.ConfigDir);
        Assert.Equal("./state", overrides.StateDir);
    }

    [Fact]
    public void EnvOverridesParser_AllValid_AreParsed()
    {
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            ["LUMEN_STAGE"] = "prod", ["REWARD_MIX_LAMBDA"] = "1", ["DRY_RUN"] = "1", ["SAFE_APPLY"] = "false",
            ["APPROVAL_REQUIRED"] = "True", ["LUMEN_PROMETHEUS_URL"] = "http://prom:9090",
        }.ToImmutableDictionary());

        var (o, problems) = EnvOverridesParser.Parse(env);

        Assert.Empty(problems);
        Assert.Equal(new EnvOverrides("prod", "./config", "./state", new Uri("http://prom:9090"), 1.0, true, false, true), o);
    }
}
