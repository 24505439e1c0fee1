using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Config;

/// <summary>Arguments of <c>lumen thresholds sync STAGE</c> (docs/alerting.md).</summary>
internal sealed class ThresholdsSyncSettings : CommandSettings
{
    [CommandArgument(0, "<STAGE>")]
    [Description("The stage, a key of `stages` in stage_matrix.yaml.")]
    public string Stage { get; init; } = "";

    [CommandOption("--config-dir <DIR>")]
    [Description("The config directory (default: $LUMEN_CONFIG_DIR, else ./config).")]
    public string? ConfigDir { get; init; }

    [CommandOption("--out-dir <DIR>")]
    [Description("Write under DIR (DIR/deploy/..., DIR/config/feedback_rules.yaml) instead of ./deploy and the config directory.")]
    public string? OutDir { get; init; }

    [CommandOption("--dry-run")]
    [Description("Print what would change (a diff per file) and write nothing.")]
    public bool DryRun { get; init; }

    [CommandOption("--slack-url-file <PATH>")]
    [Description("The file Alertmanager reads the Slack webhook URL of tickets and warnings from (default: the stage's alerting.slack_url_file, else /etc/alertmanager/secrets/slack_webhook_url).")]
    public string? SlackUrlFile { get; init; }

    [CommandOption("--runbook-base <URL>")]
    [Description("The playbook's absolute URL the alerts' runbook_url points into; each alert adds its #anchor (default: the stage's alerting.runbook_base, else the project's docs/INCIDENT_PLAYBOOKS.md on GitHub).")]
    public string? RunbookBase { get; init; }

    [CommandOption("--pager <KIND>")]
    [Description("Where pages go: pagerduty or opsgenie (default: the stage's alerting.pager, else pagerduty).")]
    public string? Pager { get; init; }

    [CommandOption("--pager-key-file <PATH>")]
    [Description("The file Alertmanager reads the PagerDuty routing key or Opsgenie API key from (default: the stage's alerting.pager_key_file, else /etc/alertmanager/secrets/pagerduty_routing_key or opsgenie_api_key).")]
    public string? PagerKeyFile { get; init; }
}
