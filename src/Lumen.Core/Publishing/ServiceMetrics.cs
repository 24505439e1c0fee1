namespace Lumen.Core.Publishing;

/// <summary>Per-service controller state. Null members are left out of the output (unknown is not zero).</summary>
public sealed record ServiceMetrics(
    string Service,
    double? CoherenceRatio = null,
    double? PhaseRadians = null,
    double? RhythmStrengthRatio = null,
    int? ActiveAdjustments = null,
    double? BanditReward = null,
    PublishedCanaryDecision? CanaryDecision = null);
