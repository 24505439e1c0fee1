using System.Text.RegularExpressions;
using Lumen.Core.Publishing;

namespace Lumen.Core.Tests.Publishing;

/// <summary>
/// The alert rules that <c>lumen thresholds sync</c> generated (deploy/prometheus) select Lumen's own
/// metrics by name and <c>stage</c> label: every such selector must match a series the publisher
/// writes, or the alert could never fire (or, for <c>absent()</c>, would always fire).
/// </summary>
public sealed partial class AlertRulesContractTests
{
    [GeneratedRegex(@"(lumen_[a-z_]+)\{stage=""(dev|staging|prod)""")]
    private static partial Regex LumenSelector();

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void GeneratedRules_SelectOnlySeriesThePublisherWrites(string stage)
    {
        var rules = File.ReadAllText(Path.Combine(RepoRoot(), "deploy", "prometheus", $"lumen-{stage}.rules.yml"));
        var sample = SampleSnapshot.Create();
        var text = PrometheusTextFormatter.Format(sample with
        {
            Stage = stage,
            // What a live loop on leased targets publishes besides the sample's series.
            Services = [.. sample.Services.Select(s => s with { AdjustmentConflicts = 0, RollbacksFailing = 0, LeaseHeld = true })],
            LedgerWriteFailures = 0,
        });

        var selectors = LumenSelector().Matches(rules).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(selectors);
        Assert.All(selectors, metric => Assert.Contains($"{metric}{{stage=\"{stage}\"", text, StringComparison.Ordinal));
    }

    [Fact]
    public void Format_WithStage_PutsTheStageLabelOnEverySeries()
    {
        var text = PrometheusTextFormatter.Format(SampleSnapshot.Create() with { Stage = "prod" });

        var series = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.NotEmpty(series);
        Assert.All(series, l => Assert.Contains("{stage=\"prod\"", l, StringComparison.Ordinal));
        Assert.Contains("lumen_ledger_head_info{stage=\"prod\",hash=\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"} 1", series);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lumen.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Lumen.slnx not found above " + AppContext.BaseDirectory);
    }
}
