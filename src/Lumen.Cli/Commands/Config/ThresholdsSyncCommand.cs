using System.ComponentModel;
using Lumen.Adapters.Config;
using Lumen.Adapters.Output;
using Lumen.Adapters.Thresholds;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Config;

/// <summary>
/// <c>lumen thresholds sync STAGE</c>: generates the stage's Prometheus rules (and their promtool unit
/// tests), its Alertmanager config (whole, and as a snippet to merge), and merges its managed rules into feedback_rules.yaml. All files are
/// made in memory first; nothing is written when the config is invalid. Each write is atomic, and an
/// unchanged file is not touched. docs/alerting.md.
/// </summary>
internal sealed class ThresholdsSyncCommand(IAnsiConsole console, IEnvironmentVariables env) : Command<ThresholdsSyncCommand.Settings>
{
    internal sealed class Settings : CommandSettings
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

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stderr = Console.Error;
        var stdout = console.Profile.Out.Writer;
        var loaded = SettingsLoader.Load(env, settings.ConfigDir, settings.Stage);
        if (!loaded.IsValid || loaded.Settings!.Stage is null)
        {
            foreach (var error in loaded.Errors)
            {
                stderr.WriteLine(error.ToString());
            }

            stderr.WriteLine("lumen thresholds sync: the configuration is invalid; nothing was written.");
            return ExitCodes.BadInput;
        }

        var s = loaded.Settings;
        var source = Path.Combine(s.ConfigDir, ConfigFiles.FeedbackRules);
        var options = new ThresholdsSyncOptions(
            settings.OutDir ?? ".",
            settings.OutDir is null ? source : Path.Combine(settings.OutDir, "config", ConfigFiles.FeedbackRules),
            settings.SlackUrlFile,
            settings.RunbookBase,
            settings.Pager,
            settings.PagerKeyFile);
        try
        {
            var plan = ThresholdsSync.Plan(s, options, File.ReadAllText(source));
            if (plan.Error is not null)
            {
                stderr.WriteLine(plan.Error);
                stderr.WriteLine("lumen thresholds sync: nothing was written.");
                return ExitCodes.BadInput;
            }

            foreach (var warning in plan.Warnings)
            {
                stderr.WriteLine($"warning: {warning}");
            }

            if (settings.DryRun)
            {
                foreach (var file in plan.Files)
                {
                    var change = GeneratedFiles.Compare(file);
                    stdout.WriteLine($"would {Verb(change, dryRun: true)} {file.Path}");
                    stdout.Write(GeneratedFiles.Diff(file));
                }

                return ExitCodes.Ok;
            }

            foreach (var (file, change) in GeneratedFiles.WriteAll(plan.Files))
            {
                stdout.WriteLine($"{Verb(change, dryRun: false)} {file.Path}");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"lumen thresholds sync: {ex.Message}");
            return ExitCodes.RuntimeError;
        }

        return ExitCodes.Ok;
    }

    private static string Verb(FileChange change, bool dryRun) => (change, dryRun) switch
    {
        (FileChange.Created, true) => "create",
        (FileChange.Updated, true) => "update",
        (FileChange.Unchanged, true) => "leave unchanged",
        (FileChange.Created, false) => "created",
        (FileChange.Updated, false) => "updated",
        _ => "unchanged",
    };
}
