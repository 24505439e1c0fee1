using System.Collections.Immutable;

namespace Lumen.Adapters.Thresholds;

/// <summary>One generated alerting rule, before it is written as YAML.</summary>
/// <param name="Alert">The alert name.</param>
/// <param name="Expr">The PromQL condition.</param>
/// <param name="For">How long the condition must hold; zero for at once.</param>
/// <param name="Labels">Labels the rule adds (severity, stage, ...), in output order.</param>
/// <param name="Summary">The summary annotation (placeholders: see <see cref="AlertText"/>).</param>
/// <param name="Description">The description annotation.</param>
/// <param name="Format">How the description shows the value.</param>
/// <param name="RunbookUrl">Where the runbook for this alert is.</param>
internal sealed record AlertRuleSpec(
    string Alert,
    string Expr,
    TimeSpan For,
    ImmutableArray<KeyValuePair<string, string>> Labels,
    string Summary,
    string Description,
    ValueFormat Format,
    string RunbookUrl);
