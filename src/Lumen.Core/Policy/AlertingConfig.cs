namespace Lumen.Core.Policy;

/// <summary>
/// A stage's <c>alerting</c> block: what <c>lumen thresholds sync</c> writes into the generated alerts and
/// Alertmanager config (docs/alerting.md). Left out, every key takes its default; the command's options
/// replace them.
/// </summary>
/// <param name="RunbookBase">The absolute URL of the incident playbook; each alert's <c>runbook_url</c> is it plus <c>#anchor</c>. Null: <see cref="DefaultRunbookBase"/>.</param>
/// <param name="Pager">Where pages go: <c>pagerduty</c> or <c>opsgenie</c>.</param>
/// <param name="PagerKeyFile">The file Alertmanager reads the PagerDuty routing key or the Opsgenie API key from. Null: the pager's default file.</param>
/// <param name="SlackUrlFile">The file Alertmanager reads the Slack webhook URL of tickets and warnings from. Null: <see cref="DefaultSlackUrlFile"/>.</param>
public sealed record AlertingConfig(string? RunbookBase, string Pager, string? PagerKeyFile, string? SlackUrlFile)
{
    public const string PagerDuty = "pagerduty";
    public const string Opsgenie = "opsgenie";

    /// <summary>The project's documentation, where the playbook is published; the one place its address is written.</summary>
    public const string DocsUrl = "https://github.com/lumen-controller/lumen/blob/main/docs/";

    /// <summary>The playbook whose sections the alerts' <c>runbook_url</c> point at unless a stage says otherwise.</summary>
    public const string DefaultRunbookBase = DocsUrl + "INCIDENT_PLAYBOOKS.md";

    public const string DefaultSlackUrlFile = "/etc/alertmanager/secrets/slack_webhook_url";

    public static IReadOnlyList<string> Pagers { get; } = [PagerDuty, Opsgenie];

    public static AlertingConfig Default { get; } = new(null, PagerDuty, null, null);

    /// <summary>Where Alertmanager reads the pager's secret unless told otherwise.</summary>
    public static string DefaultPagerKeyFile(string pager) => pager == Opsgenie
        ? "/etc/alertmanager/secrets/opsgenie_api_key"
        : "/etc/alertmanager/secrets/pagerduty_routing_key";

    /// <summary>Whether <paramref name="value"/> is an absolute http(s) URL a notification can carry: no spaces, no
    /// <c>#</c> (each alert adds its anchor), no braces (the annotation is a Prometheus template).</summary>
    public static bool IsRunbookUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !value.Any(c => char.IsWhiteSpace(c) || c is '#' or '{' or '}');

    /// <summary>Whether <paramref name="value"/> is an absolute file path Alertmanager can read a secret from.</summary>
    public static bool IsSecretFilePath(string value) =>
        value.Length > 1 && value[0] == '/' && !value.Any(c => char.IsControl(c));
}
