namespace Lumen.Reports.Digest;

/// <summary>One <c>reward.observed</c> entry: the context, the arm and the observed reward.</summary>
public sealed record RewardPoint(
    DateTimeOffset Ts,
    string Service,
    string? AdjustmentId,
    string Arm,
    double[]? Context,
    double? HealthBefore,
    double? HealthAfter,
    double RewardObserved,
    double? Reward);
