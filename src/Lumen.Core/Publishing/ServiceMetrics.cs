namespace Lumen.Core.Publishing;

/// <summary>Per-service controller state. Null members are left out of the output (unknown is not zero).</summary>
/// <param name="MapperReady">True when the mapper had enough history to give coordinates this tick.</param>
/// <param name="MapperHistorySeconds">The span of the usable history the mapper reads, in seconds.</param>
/// <param name="AdjustmentConflicts">Compare-and-set conflicts (someone else changed a knob), counted from the ledger.</param>
/// <param name="RollbacksFailing">Open adjustments whose last restore attempt failed (retried with backoff).</param>
/// <param name="LeaseHeld">Whether the loop holds the service's target lease; null when the service has no lease.</param>
public readonly record struct ServiceMetrics(
    string Service,
    double? CoherenceRatio = null,
    double? PhaseRadians = null,
    double? RhythmStrengthRatio = null,
    int? ActiveAdjustments = null,
    double? BanditReward = null,
    PublishedCanaryDecision? CanaryDecision = null,
    bool? MapperReady = null,
    double? MapperHistorySeconds = null,
    long? AdjustmentConflicts = null,
    int? RollbacksFailing = null,
    bool? LeaseHeld = null);
