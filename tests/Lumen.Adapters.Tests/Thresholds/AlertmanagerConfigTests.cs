using Lumen.Adapters.Thresholds;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Tests.Thresholds;

/// <summary>The generated Alertmanager config, whole and as a snippet merged into an existing config, checked and
/// routed by the real amtool (Alertmanager 0.25: <c>routing_key_file</c>, <c>api_key_file</c>, <c>api_url_file</c>).</summary>
public sealed class AlertmanagerConfigTests
{
    // An Alertmanager config as a team might already run it: its own root receiver, a catch-all-ish route on
    // env, its own inhibition and receivers.
    private const string Existing = """
        global:
          resolve_timeout: 5m
        route:
          receiver: team-default
          group_by: [alertname, cluster]
          routes:
            - receiver: team-critical
              matchers:
                - 'severity="critical"'
            - receiver: team-prod
              matchers:
                - 'stage="prod"'
        inhibit_rules:
          - source_matchers: ['severity="critical"']
            target_matchers: ['severity="warning"']
            equal: [alertname]
        receivers:
          - name: team-default
          - name: team-critical
            webhook_configs:
              - url: 'http://127.0.0.1:9/hook'
          - name: team-prod
        """;

    public static TheoryData<string> Pagers => new() { AlertingConfig.PagerDuty, AlertingConfig.Opsgenie };

    private static AlertmanagerReceivers Receivers(string stage, string pager = AlertingConfig.PagerDuty, string selector = "") =>
        new(stage, pager, AlertingConfig.DefaultPagerKeyFile(pager), AlertingConfig.DefaultSlackUrlFile, SelectorLabels.Parse(selector));

    [Theory]
    [MemberData(nameof(ExampleStages.StageNames), MemberType = typeof(ExampleStages))]
    public void Whole_Stage_PassesAmtoolCheckConfig(string stage)
    {
        using var dir = new TempDir();
        var file = dir.Write("am.yml", AlertmanagerConfigGenerator.Whole(Receivers(stage)));

        var result = ExternalTool.Run("amtool", dir.Path, "check-config", file);

        Assert.True(result.ExitCode == 0, result.Describe("amtool check-config"));
        Assert.Contains("SUCCESS", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pagers))]
    public void Whole_EitherPager_PassesAmtoolCheckConfig(string pager)
    {
        using var dir = new TempDir();
        var file = dir.Write("am.yml", AlertmanagerConfigGenerator.Whole(Receivers("prod", pager, "env=\"prod\", cluster=~\"eu-.*\"")));

        var result = ExternalTool.Run("amtool", dir.Path, "check-config", file);

        Assert.True(result.ExitCode == 0, result.Describe("amtool check-config"));
    }

    [Theory]
    [InlineData("severity=page", "lumen-prod-page")]
    [InlineData("severity=ticket", "lumen-prod-ticket")]
    [InlineData("severity=warning", "lumen-prod-warning")]
    public void Whole_AlertWithSeverity_RoutesToItsReceiver(string label, string receiver)
    {
        using var dir = new TempDir();
        var file = dir.Write("am.yml", AlertmanagerConfigGenerator.Whole(Receivers("prod")));

        var result = ExternalTool.Run("amtool", dir.Path, "config", "routes", "test", "--config.file=" + file,
            "alertname=LumenErrorBudgetBurn", label, "service=checkout", "stage=prod");

        Assert.True(result.ExitCode == 0, result.Describe("amtool config routes test"));
        Assert.Equal(receiver, result.StdOut.Trim());
    }

    [Theory]
    [MemberData(nameof(Pagers))]
    public void Snippet_MergedIntoAnExistingConfigWithTheDocumentedFilter_PassesAmtoolCheckConfig(string pager)
    {
        using var dir = new TempDir();
        var merged = Merge(dir, AlertmanagerConfigGenerator.Snippet(Receivers("prod", pager)));

        var result = ExternalTool.Run("amtool", dir.Path, "check-config", merged);

        Assert.True(result.ExitCode == 0, result.Describe("amtool check-config"));
        Assert.Contains("3 inhibit rules", result.StdOut + result.StdErr, StringComparison.Ordinal);
        Assert.Contains("6 receivers", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    // Lumen's alerts of the stage reach Lumen's receivers, before the team's `stage="prod"` route.
    [InlineData("alertname=LumenErrorBudgetBurn severity=page stage=prod", "lumen-prod-page")]
    [InlineData("alertname=LumenErrorBudgetBurn severity=ticket stage=prod", "lumen-prod-ticket")]
    [InlineData("alertname=LumenLeaseLost severity=warning stage=prod", "lumen-prod-warning")]
    // Everyone else's alerts route as before the merge.
    [InlineData("alertname=DiskFull severity=critical stage=prod", "team-critical")]
    [InlineData("alertname=DiskFull severity=page stage=prod", "team-prod")]
    [InlineData("alertname=DiskFull severity=warning", "team-default")]
    // Lumen's alerts of another stage are not this snippet's.
    [InlineData("alertname=LumenErrorBudgetBurn severity=page stage=dev", "team-default")]
    public void Snippet_Merged_RoutesLumensAlertsAndLeavesTheRestAlone(string labels, string receiver)
    {
        using var dir = new TempDir();
        var merged = Merge(dir, AlertmanagerConfigGenerator.Snippet(Receivers("prod")));

        var result = ExternalTool.Run("amtool", dir.Path, ["config", "routes", "test", "--config.file=" + merged, .. labels.Split(' '), "service=checkout"]);

        Assert.True(result.ExitCode == 0, result.Describe("amtool config routes test"));
        Assert.Equal(receiver, result.StdOut.Trim());
    }

    [Fact]
    public void Snippet_StageWithSelector_RoutesOnlyThatEnvironment()
    {
        using var dir = new TempDir();
        var merged = Merge(dir, AlertmanagerConfigGenerator.Snippet(Receivers("prod", selector: "env=\"prod\", cluster=\"eu-1\", namespace=~\"shop|cart\"")));

        string Route(params string[] labels) =>
            ExternalTool.Run("amtool", dir.Path, ["config", "routes", "test", "--config.file=" + merged, "alertname=LumenLoopStale", "severity=ticket", "stage=prod", .. labels]).StdOut.Trim();

        Assert.Equal("lumen-prod-ticket", Route("env=prod", "cluster=eu-1"));
        Assert.Equal("team-prod", Route("env=prod", "cluster=us-1"));
    }

    [Fact]
    public void Snippet_SecretsAreReadFromFilesNeverInlined()
    {
        var pd = AlertmanagerConfigGenerator.Snippet(new("prod", AlertingConfig.PagerDuty, "/run/secrets/pd key", "/run/secrets/slack url", []));
        var og = AlertmanagerConfigGenerator.Whole(new("prod", AlertingConfig.Opsgenie, "/run/secrets/og", "/run/secrets/slack", []));

        Assert.Contains("routing_key_file: '/run/secrets/pd key'", pd, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(pd, "api_url_file: '/run/secrets/slack url'"));
        Assert.Contains("api_key_file: '/run/secrets/og'", og, StringComparison.Ordinal);
        foreach (var yaml in new[] { pd, og })
        {
            Assert.DoesNotContain("routing_key:", yaml, StringComparison.Ordinal);
            Assert.DoesNotContain("api_key:", yaml, StringComparison.Ordinal);
            Assert.DoesNotContain("api_url:", yaml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Snippet_Inhibition_IsScopedToLumensAlertsOfTheStage()
    {
        var yaml = AlertmanagerConfigGenerator.Snippet(Receivers("dev"));

        Assert.Contains("  - source_matchers:\n      - 'severity=\"page\"'\n      - 'alertname=~\"Lumen.+\"'\n      - 'stage=\"dev\"'\n"
            + "    target_matchers:\n      - 'severity=~\"ticket|warning\"'\n      - 'alertname=~\"Lumen.+\"'\n      - 'stage=\"dev\"'\n    equal: [service, stage]\n",
            yaml, StringComparison.Ordinal);
        Assert.Contains("group_by: [alertname, service, stage]", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void MergeFilter_IsTheOneTheDocsAndTheSnippetShow()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "alerting.md"));

        Assert.Contains("yq -y -s '" + AlertmanagerConfigGenerator.MergeFilter + "'", docs, StringComparison.Ordinal);
        Assert.Contains("yq -y -s '" + AlertmanagerConfigGenerator.MergeFilter + "'", AlertmanagerConfigGenerator.Snippet(Receivers("dev")), StringComparison.Ordinal);
    }

    private static string Merge(TempDir dir, string snippet)
    {
        var existing = dir.Write("alertmanager.yml", Existing);
        var part = dir.Write("lumen.snippet.yml", snippet);
        var result = ExternalTool.Run("yq", dir.Path, "-y", "-s", AlertmanagerConfigGenerator.MergeFilter, existing, part);
        Assert.True(result.ExitCode == 0, result.Describe("yq"));
        return dir.Write("merged.yml", result.StdOut);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
