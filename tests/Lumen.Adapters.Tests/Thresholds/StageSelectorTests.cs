using Lumen.Adapters.Thresholds;

namespace Lumen.Adapters.Tests.Thresholds;

/// <summary>The stage's selector (environment, cluster) reaches the recorded SLIs, so rules of several
/// environments sharing one Prometheus each read only their own services' series.</summary>
public sealed class StageSelectorTests
{
    private const string Selector = "env=\"prod\", cluster=\"eu-1\"";

    private static readonly ServiceSliQueries[] Services =
    [
        new("checkout", "5m",
            ExampleStages.P95Template.Replace("track=~\"$track\"}", "track=~\"$track\"$selector}", StringComparison.Ordinal),
            ExampleStages.ErrorTemplate.Replace("track=~\"$track\"}", "track=~\"$track\"$selector}", StringComparison.Ordinal)),
    ];

    [Fact]
    public void RecordingRules_StageWithSelector_EveryServiceQuerySelectsIt()
    {
        var policy = ExampleStages.Prod with { Selector = Selector };

        var rules = LumenAlertCatalog.RecordingRules(policy, Services);

        Assert.Equal(2 + BurnRateWindow.AllWindows.Length, rules.Length);
        foreach (var rule in rules)
        {
            Assert.Contains("track=~\".*\", env=\"prod\", cluster=\"eu-1\"}", rule.Expr, StringComparison.Ordinal);
            Assert.DoesNotContain("$selector", rule.Expr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RecordingRules_StageWithoutSelector_TemplateUnchangedButForPlaceholders()
    {
        var rules = LumenAlertCatalog.RecordingRules(ExampleStages.Prod, Services);

        Assert.All(rules, r => Assert.Contains("track=~\".*\"}", r.Expr, StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_StageWithSelector_PassesPromtoolCheckRules()
    {
        using var dir = new TempDir();
        var rules = dir.Write("lumen.rules.yml", PrometheusRulesGenerator.Generate(ExampleStages.Prod with { Selector = Selector }, Services));

        var result = ExternalTool.Run("promtool", dir.Path, "check", "rules", rules);

        Assert.True(result.ExitCode == 0, result.Describe("promtool check rules"));
        Assert.Contains("eu-1", File.ReadAllText(rules), StringComparison.Ordinal);
    }
}
