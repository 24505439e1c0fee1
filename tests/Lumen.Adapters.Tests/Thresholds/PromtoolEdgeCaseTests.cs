using System.Collections.Immutable;
using Lumen.Adapters.Thresholds;

namespace Lumen.Adapters.Tests.Thresholds;

/// <summary>Stages unlike the example: odd intervals, a large error budget, a zero coherence minimum.</summary>
[Trait("Speed", "Slow")] // runs promtool's unit tests on the generated rules
public sealed class PromtoolEdgeCaseTests
{
    public static TheoryData<int, double, double, double, int> Policies => new()
    {
        // interval, p95 ms, error rate, coherence min, max active adjustments
        { 45, 1500, 0.10, 0.0, 0 },   // 14.4 × 10 % > 100 %: the fast page cannot fire; coherence < 0 never holds
        { 7, 250, 0.001, 1.0, 40 },   // an interval that divides neither 60 nor 3600, a tiny budget, a big storm threshold
        { 120, 80, 0.5, 0.75, 5 },    // ticks longer than the 5-minute minimum `for`
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void Generate_UnusualPolicy_RulesCheckAndTheirTestsPass(int interval, double p95, double errorRate, double coherenceMin, int maxActive)
    {
        var policy = new AlertingPolicy("edge", interval, p95, errorRate, coherenceMin, AlertingPolicy.DefaultRollbackStorm(maxActive), "https://runbooks.example/lumen.md");
        using var dir = new TempDir();
        var rules = dir.Write("lumen-edge.rules.yml", PrometheusRulesGenerator.Generate(policy, ExampleStages.Services));
        var tests = dir.Write("tests/lumen-edge.rules.test.yml", PromtoolTestGenerator.Generate(policy, "../lumen-edge.rules.yml"));

        var check = ExternalTool.Run("promtool", dir.Path, "check", "rules", rules);
        var test = ExternalTool.Run("promtool", dir.Path, "test", "rules", tests);

        Assert.True(check.ExitCode == 0, check.Describe("promtool check rules"));
        Assert.True(test.ExitCode == 0, test.Describe("promtool test rules"));
    }

    [Fact]
    public void Generate_NoServices_StillHasTheControllerAlerts()
    {
        using var dir = new TempDir();
        var rules = dir.Write("r.yml", PrometheusRulesGenerator.Generate(ExampleStages.Dev, ImmutableArray<ServiceSliQueries>.Empty));

        var check = ExternalTool.Run("promtool", dir.Path, "check", "rules", rules);

        Assert.True(check.ExitCode == 0, check.Describe("promtool check rules"));
        Assert.DoesNotContain("lumen-dev-sli", File.ReadAllText(rules), StringComparison.Ordinal);
        Assert.Contains("alert: LumenLoopStale", File.ReadAllText(rules), StringComparison.Ordinal);
    }
}
