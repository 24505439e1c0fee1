using System.Collections.Immutable;

namespace Lumen.Adapters.Thresholds;

/// <summary>Where one stage's Lumen notifications go and where Alertmanager reads their secrets.</summary>
/// <param name="Stage">The stage; receivers are named <c>lumen-STAGE-page</c>, <c>-ticket</c>, <c>-warning</c>.</param>
/// <param name="Pager"><c>pagerduty</c> or <c>opsgenie</c>: the receiver of pages.</param>
/// <param name="PagerKeyFile">The file holding the PagerDuty routing key (Events API v2) or the Opsgenie API key.</param>
/// <param name="SlackUrlFile">The file holding the Slack incoming-webhook URL of tickets and warnings.</param>
/// <param name="SelectorLabels">The stage selector's equality labels: Lumen's route matches them too.</param>
internal sealed record AlertmanagerReceivers(
    string Stage,
    string Pager,
    string PagerKeyFile,
    string SlackUrlFile,
    ImmutableArray<KeyValuePair<string, string>> SelectorLabels)
{
    public string Name(string severity) => $"lumen-{Stage}-{severity}";
}
