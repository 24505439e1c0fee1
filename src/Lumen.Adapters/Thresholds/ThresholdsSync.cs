using System.Collections.Immutable;
using System.Globalization;
using Lumen.Adapters.Config;
using Lumen.Adapters.Output;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Thresholds;

/// <summary>
/// <c>lumen thresholds sync STAGE</c> without the disk: from validated settings and the current
/// feedback_rules.yaml text, every file to write. Nothing is written unless all of them could be made.
/// </summary>
public static class ThresholdsSync
{
    public static string RulesPath(string outDir, string stage) => Path.Combine(outDir, "deploy", "prometheus", $"lumen-{stage}.rules.yml");

    public static string RulesTestPath(string outDir, string stage) =>
        Path.Combine(outDir, "deploy", "prometheus", "tests", $"lumen-{stage}.rules.test.yml");

    public static string AlertmanagerPath(string outDir, string stage) =>
        Path.Combine(outDir, "deploy", "alertmanager", $"lumen-{stage}.alertmanager.yml");

    public static string AlertmanagerSnippetPath(string outDir, string stage) =>
        Path.Combine(outDir, "deploy", "alertmanager", AlertmanagerConfigGenerator.SnippetFileName(stage));

    public static ThresholdsSyncPlan Plan(LumenSettings settings, ThresholdsSyncOptions options, string existingFeedbackRules)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var stage = settings.Stage ?? throw new ArgumentException("settings without a chosen stage", nameof(settings));
        var a = stage.Alerting;
        var runbook = options.RunbookBase ?? a.RunbookBase ?? AlertingPolicy.DefaultRunbookBase;
        var pager = options.Pager ?? a.Pager;
        var receivers = new AlertmanagerReceivers(
            stage.Name,
            pager,
            options.PagerKeyFile ?? a.PagerKeyFile ?? AlertingConfig.DefaultPagerKeyFile(pager),
            options.SlackUrlFile ?? a.SlackUrlFile ?? AlertingConfig.DefaultSlackUrlFile,
            SelectorLabels.Parse(stage.Selector));
        if (OptionError(runbook, receivers) is { } error)
        {
            return new([], error, []);
        }

        var policy = PolicyOf(stage, runbook);
        var services = ServicesOf(settings.Config.Services);

        var merged = FeedbackRulesMerger.Merge(existingFeedbackRules, policy, options.FeedbackRulesPath);
        if (merged.Text is null)
        {
            return new([], merged.Error, []);
        }

        ImmutableArray<GeneratedFile> files =
        [
            new(RulesPath(options.OutDir, stage.Name), PrometheusRulesGenerator.Generate(policy, services)),
            new(RulesTestPath(options.OutDir, stage.Name), PromtoolTestGenerator.Generate(policy, $"../lumen-{stage.Name}.rules.yml")),
            new(AlertmanagerPath(options.OutDir, stage.Name), AlertmanagerConfigGenerator.Whole(receivers)),
            new(AlertmanagerSnippetPath(options.OutDir, stage.Name), AlertmanagerConfigGenerator.Snippet(receivers)),
            new(options.FeedbackRulesPath, merged.Text),
        ];
        return new(files, null, Warnings(policy));
    }

    // The stage's values were validated with the config; a command-line value is checked here, the same way.
    private static string? OptionError(string runbook, AlertmanagerReceivers r)
    {
        if (!AlertingConfig.IsRunbookUrl(runbook))
        {
            return $"--runbook-base: expected an absolute http(s) URL without spaces, # or braces, such as {AlertingConfig.DefaultRunbookBase}, found {ConfigText.Quote(runbook)}";
        }

        if (!AlertingConfig.Pagers.Contains(r.Pager, StringComparer.Ordinal))
        {
            return $"--pager: expected one of {string.Join(", ", AlertingConfig.Pagers)}, found {ConfigText.Quote(r.Pager)}";
        }

        foreach (var (option, value) in new[] { ("--pager-key-file", r.PagerKeyFile), ("--slack-url-file", r.SlackUrlFile) })
        {
            if (!AlertingConfig.IsSecretFilePath(value))
            {
                return $"{option}: expected an absolute file path (Alertmanager reads the secret from it), found {ConfigText.Quote(value)}";
            }
        }

        return null;
    }

    /// <summary>The stage's numbers the alerting needs.</summary>
    internal static AlertingPolicy PolicyOf(StageConfig stage, string runbookBase)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return new(
            stage.Name,
            stage.Policy.IntervalSeconds,
            stage.Slo.LatencyP95Ms,
            stage.Slo.ErrorRate,
            stage.Slo.CoherenceMin,
            AlertingPolicy.DefaultRollbackStorm(stage.Policy.MaxActiveAdjustments),
            runbookBase,
            stage.Selector);
    }

    /// <summary>The services' SLI templates the recording rules instantiate. A service whose latency or
    /// error rate is read from Loki has no PromQL to record: its SLO alerts belong in Loki's ruler.</summary>
    internal static ImmutableArray<ServiceSliQueries> ServicesOf(ServiceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.Services
            .Where(s => s.Sli.PromQl("p95_ms") is not null && s.Sli.PromQl("error_rate") is not null)
            .Select(s => new ServiceSliQueries(s.Name, s.Window.Text, s.Sli.P95Ms, s.Sli.ErrorRate))];
    }

    // A burn rate times a large error budget can exceed 100 %: that alert can never fire.
    private static ImmutableArray<string> Warnings(AlertingPolicy policy) =>
        [.. BurnRateWindow.Workbook
            .Where(w => w.BurnRate * policy.ErrorRateObjective >= 1)
            .Select(w => string.Create(CultureInfo.InvariantCulture,
                $"the {w.BurnRate}x burn-rate alert ({w.LongWindow}/{w.ShortWindow}) can never fire: {w.BurnRate} x the {policy.Stage} error_rate objective {policy.ErrorRateObjective} is 100 % or more"))];
}
