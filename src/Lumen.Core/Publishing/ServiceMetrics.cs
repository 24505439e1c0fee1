namespace Lumen.Core.Publishing;

/// <summary>Per-service controller state. Null members are left out of the output (unknown is not zero).</summary>
/// <param name="MapperReady">True when the mapper had enough history to give coordinates this tick.</param>
/// <param name="MapperHistorySeconds">The span of the usable history the mapper reads, in seconds.</param>
public sealed record ServiceMetrics(
    string Service,
    double? CoherenceRatio = null,
    double? PhaseRadians = null,
    double? RhythmStrengthRatio = null,
    int? ActiveAdjustments = null,
    double? BanditReward = null,
    PublishedCanaryDecision? CanaryDecision = null,
    bool? MapperReady = null,
    double? MapperHistorySeconds = null);
