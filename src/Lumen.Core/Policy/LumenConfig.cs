namespace Lumen.Core.Policy;

/// <summary>
/// The whole configuration: the four files of <c>config/</c> (docs/configuration.md), already validated.
/// Built by the YAML loader in Lumen.Adapters; the core only ever sees these records.
/// </summary>
public sealed record LumenConfig(
    StageMatrix StageMatrix,
    ServiceCatalog Services,
    CanaryPolicy CanaryPolicy,
    FeedbackRuleSet FeedbackRules);
