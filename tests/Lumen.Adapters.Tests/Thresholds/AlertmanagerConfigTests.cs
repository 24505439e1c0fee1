using Lumen.Adapters.Thresholds;

namespace Lumen.Adapters.Tests.Thresholds;

/// <summary>The generated Alertmanager config, checked and routed by the real amtool.</summary>
public sealed class AlertmanagerConfigTests
{
    [Theory]
    [MemberData(nameof(ExampleStages.StageNames), MemberType = typeof(ExampleStages))]
    public void Generate_Stage_PassesAmtoolCheckConfig(string stage)
    {
        using var dir = new TempDir();
        var file = dir.Write("am.yml", AlertmanagerConfigGenerator.Generate(stage, AlertmanagerConfigGenerator.DefaultSlackUrlFile));

        var result = ExternalTool.Run("amtool", dir.Path, "check-config", file);

        Assert.True(result.ExitCode == 0, result.Describe("amtool check-config"));
        Assert.Contains("SUCCESS", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("severity=page", "slack-page")]
    [InlineData("severity=ticket", "slack-ticket")]
    [InlineData("severity=warning", "slack-warning")]
    [InlineData("alertname=SomethingElse", "slack-warning")]
    public void Generate_AlertWithSeverity_RoutesToItsReceiver(string label, string receiver)
    {
        using var dir = new TempDir();
        var file = dir.Write("am.yml", AlertmanagerConfigGenerator.Generate("prod", AlertmanagerConfigGenerator.DefaultSlackUrlFile));

        var result = ExternalTool.Run("amtool", dir.Path, "config", "routes", "test", "--config.file=" + file, label, "service=checkout", "stage=prod");

        Assert.True(result.ExitCode == 0, result.Describe("amtool config routes test"));
        Assert.Equal(receiver, result.StdOut.Trim());
    }

    [Fact]
    public void Generate_SlackUrl_IsReadFromTheFileNeverInlined()
    {
        var yaml = AlertmanagerConfigGenerator.Generate("prod", "/run/secrets/slack url");

        Assert.Equal(3, CountOf(yaml, "api_url_file: '/run/secrets/slack url'"));
        Assert.DoesNotContain("api_url:", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.slack.com", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_Inhibition_PageSilencesTicketsOfTheSameServiceAndStage()
    {
        var yaml = AlertmanagerConfigGenerator.Generate("dev", AlertmanagerConfigGenerator.DefaultSlackUrlFile);

        Assert.Contains("  - source_matchers:\n      - 'severity=\"page\"'\n    target_matchers:\n      - 'severity=~\"ticket|warning\"'\n    equal: [service, stage]\n",
            yaml, StringComparison.Ordinal);
        Assert.Contains("group_by: [alertname, service, stage]", yaml, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
