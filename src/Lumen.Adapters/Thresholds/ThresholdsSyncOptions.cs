namespace Lumen.Adapters.Thresholds;

/// <summary>Where <c>lumen thresholds sync</c> writes and what the generated files point at.</summary>
/// <param name="OutDir">The root under which <c>deploy/prometheus/...</c> and <c>deploy/alertmanager/...</c> go.</param>
/// <param name="FeedbackRulesPath">The feedback_rules.yaml to write (normally the one read).</param>
/// <param name="SlackUrlFile">The file Alertmanager reads the Slack webhook URL from.</param>
/// <param name="RunbookBase">The playbook the alerts' <c>runbook_url</c> points into.</param>
public sealed record ThresholdsSyncOptions(string OutDir, string FeedbackRulesPath, string SlackUrlFile, string RunbookBase)
{
    /// <summary>Where the generated Alertmanager config expects the Slack webhook URL unless told otherwise.</summary>
    public const string DefaultSlackUrlFile = AlertmanagerConfigGenerator.DefaultSlackUrlFile;

    /// <summary>Where the runbooks live unless told otherwise.</summary>
    public const string DefaultRunbookBase = AlertingPolicy.DefaultRunbookBase;
}
