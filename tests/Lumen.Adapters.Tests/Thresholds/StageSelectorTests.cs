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
            // The raw windows read the services' series through the template; the derived ones the recorded 5m ratio.
            Assert.Contains(BurnRateWindow.DerivedWindows.Any(w => rule.Record == RecordedNames.ErrorRatio(w))
                ? "rate5m{stage=\"prod\", env=\"prod\", cluster=\"eu-1\", service=\"checkout\"}"
                : "track=~\".*\", env=\"prod\", cluster=\"eu-1\"}", rule.Expr, StringComparison.Ordinal);
            Assert.DoesNotContain("$selector", rule.Expr, StringComparison.Ordinal);
            Assert.Equal("stage=prod service=checkout env=prod cluster=eu-1", string.Join(' ', rule.Labels.Select(l => $"{l.Key}={l.Value}")));
        }
    }

    [Fact]
    public void Alerts_StageWithSelector_SelectAndCarryItsEqualityLabelsOnly()
    {
        var policy = ExampleStages.Prod with { Selector = "env=\"prod\", cluster=~\"eu-.*\", namespace!=\"test\"" };

        var alerts = LumenAlertCatalog.SloAlerts(policy).AddRange(LumenAlertCatalog.ControllerAlerts(policy));

        Assert.All(alerts, a =>
        {
            Assert.Contains("stage=\"prod\", env=\"prod\"", a.Expr, StringComparison.Ordinal);
            Assert.DoesNotContain("cluster", a.Expr, StringComparison.Ordinal);
            Assert.Contains(new KeyValuePair<string, string>("env", "prod"), a.Labels);
        });
    }

    [Trait("Speed", "Slow")] // runs promtool (7 to 12 s a case under load)
    [Theory]
    [InlineData("env=\"prod\", cluster=\"eu-1\"")]
    [InlineData("env=\"prod\", cluster=~\"eu-1|eu-2\", namespace!=\"test\"")]
    public void Generate_StageWithSelector_PassesItsPromtoolUnitTests(string selector)
    {
        using var dir = new TempDir();
        var policy = ExampleStages.Prod with { Selector = selector };
        dir.Write("lumen.rules.yml", PrometheusRulesGenerator.Generate(policy, Services));
        var tests = dir.Write("tests/lumen.rules.test.yml", PromtoolTestGenerator.Generate(policy, "../lumen.rules.yml"));

        var result = ExternalTool.Run("promtool", dir.Path, "test", "rules", tests);

        Assert.True(result.ExitCode == 0, result.Describe("promtool test rules"));
        Assert.Contains("env=\"other-prod\"", File.ReadAllText(tests), StringComparison.Ordinal);
    }

    [Fact]
    public void RecordingRules_StageWithoutSelector_TemplateUnchangedButForPlaceholders()
    {
        var rules = LumenAlertCatalog.RecordingRules(ExampleStages.Prod, Services);

        Assert.All(rules.Where(r => !BurnRateWindow.DerivedWindows.Any(w => r.Record == RecordedNames.ErrorRatio(w))),
            r => Assert.Contains("track=~\".*\"}", r.Expr, StringComparison.Ordinal));
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
