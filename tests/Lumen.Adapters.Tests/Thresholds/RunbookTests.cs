using System.Text.RegularExpressions;
using Lumen.Adapters.Thresholds;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Tests.Thresholds;

/// <summary>Every alert's <c>runbook_url</c> is an absolute link to a section that exists in docs/INCIDENT_PLAYBOOKS.md.</summary>
public sealed partial class RunbookTests
{
    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [Theory]
    [MemberData(nameof(ExampleStages.StageNames), MemberType = typeof(ExampleStages))]
    public void RunbookUrls_EveryAlert_PointsAtAnExistingSectionOfThePlaybook(string stage)
    {
        var policy = ExampleStages.ByName(stage);
        var alerts = LumenAlertCatalog.SloAlerts(policy).AddRange(LumenAlertCatalog.ControllerAlerts(policy));
        var anchors = Anchors(File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "INCIDENT_PLAYBOOKS.md")));

        Assert.NotEmpty(alerts);
        Assert.All(alerts, a =>
        {
            Assert.True(Uri.TryCreate(a.RunbookUrl, UriKind.Absolute, out var uri) && uri.Scheme == "https", $"{a.Alert}: {a.RunbookUrl} is not an absolute https URL");
            Assert.StartsWith(AlertingConfig.DefaultRunbookBase + "#", a.RunbookUrl, StringComparison.Ordinal);
            var anchor = a.RunbookUrl[(a.RunbookUrl.IndexOf('#', StringComparison.Ordinal) + 1)..];
            Assert.True(anchors.Contains(anchor), $"{a.Alert}: docs/INCIDENT_PLAYBOOKS.md has no section #{anchor}");
        });
    }

    [Fact]
    public void DefaultRunbookBase_IsTheProjectsDocsUrlOfThePlaybookFile()
    {
        Assert.Equal(AlertingConfig.DocsUrl + "INCIDENT_PLAYBOOKS.md", AlertingConfig.DefaultRunbookBase);
        Assert.True(File.Exists(Path.Combine(RepoRoot.Path, "docs", "INCIDENT_PLAYBOOKS.md")));
    }

    [Fact]
    public void RunbookUrls_OwnBase_IsUsedForEveryAlert()
    {
        var policy = ExampleStages.Prod with { RunbookBase = "https://wiki.example.com/sre/lumen" };

        var alerts = LumenAlertCatalog.SloAlerts(policy).AddRange(LumenAlertCatalog.ControllerAlerts(policy));

        Assert.All(alerts, a => Assert.StartsWith("https://wiki.example.com/sre/lumen#lumen-", a.RunbookUrl, StringComparison.Ordinal));
    }

    // GitHub's heading anchors: lower case, punctuation other than - and _ dropped, spaces to hyphens.
    private static HashSet<string> Anchors(string markdown) =>
        [.. Heading().Matches(markdown).Select(m => new string([.. m.Groups[1].Value.ToLowerInvariant()
            .Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ')]).Replace(' ', '-'))];
}
