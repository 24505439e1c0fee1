using Lumen.Adapters.Thresholds;

namespace Lumen.Adapters.Tests.Thresholds;

/// <summary>The generated rules and their generated unit tests, checked by the real promtool.</summary>
[Trait("Speed", "Slow")] // runs promtool's unit tests on the generated rules
public sealed class PromtoolTests
{
    [Theory]
    [MemberData(nameof(ExampleStages.StageNames), MemberType = typeof(ExampleStages))]
    public void Generate_ExampleStage_PassesPromtoolCheckRules(string stage)
    {
        using var dir = new TempDir();
        var rules = dir.Write("lumen.rules.yml", PrometheusRulesGenerator.Generate(ExampleStages.ByName(stage), ExampleStages.Services));

        var result = ExternalTool.Run("promtool", dir.Path, "check", "rules", rules);

        Assert.True(result.ExitCode == 0, result.Describe("promtool check rules"));
        Assert.Contains("SUCCESS", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ExampleStages.StageNames), MemberType = typeof(ExampleStages))]
    public void Generate_ExampleStage_PassesItsPromtoolUnitTests(string stage)
    {
        using var dir = new TempDir();
        var policy = ExampleStages.ByName(stage);
        dir.Write("lumen.rules.yml", PrometheusRulesGenerator.Generate(policy, ExampleStages.Services));
        var tests = dir.Write("tests/lumen.rules.test.yml", PromtoolTestGenerator.Generate(policy, "../lumen.rules.yml"));

        var result = ExternalTool.Run("promtool", dir.Path, "test", "rules", tests);

        Assert.True(result.ExitCode == 0, result.Describe("promtool test rules"));
        Assert.Contains("SUCCESS", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }
}
