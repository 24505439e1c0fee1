namespace Lumen.Adapters.Thresholds;

/// <summary>Where <c>lumen thresholds sync</c> writes, and the command-line values that replace the stage's
/// <c>alerting</c> block (null: the stage's value, else its default; docs/alerting.md).</summary>
/// <param name="OutDir">The root under which <c>deploy/prometheus/...</c> and <c>deploy/alertmanager/...</c> go.</param>
/// <param name="FeedbackRulesPath">The feedback_rules.yaml to write (normally the one read).</param>
/// <param name="SlackUrlFile">The file Alertmanager reads the Slack webhook URL from.</param>
/// <param name="RunbookBase">The playbook (absolute URL) the alerts' <c>runbook_url</c> points into.</param>
/// <param name="Pager"><c>pagerduty</c> or <c>opsgenie</c>.</param>
/// <param name="PagerKeyFile">The file Alertmanager reads the pager's key from.</param>
public sealed record ThresholdsSyncOptions(
    string OutDir,
    string FeedbackRulesPath,
    string? SlackUrlFile = null,
    string? RunbookBase = null,
    string? Pager = null,
    string? PagerKeyFile = null);
