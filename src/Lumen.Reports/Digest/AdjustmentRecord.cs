namespace Lumen.Reports.Digest;

/// <summary>
/// One adjustment from its <c>adjustment.intent</c> to its last outcome (applied, failed, expired,
/// rolled back, promoted), joined on the adjustment id.
/// </summary>
public sealed record AdjustmentRecord(
    string Id,
    string Service,
    DateTimeOffset IntentAt,
    string Knob,
    string Track,
    double? From,
    double? To,
    string Source,
    string? Arm,
    string? Reason)
{
    public DateTimeOffset? AppliedAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    public string? FailureReason { get; set; }

    public DateTimeOffset? ExpiredAt { get; set; }

    public DateTimeOffset? RolledBackAt { get; set; }

    public string? RollbackReason { get; set; }

    public DateTimeOffset? PromotedAt { get; set; }

    /// <summary>When its trial was kept (the value became the canary's incumbent).</summary>
    public DateTimeOffset? KeptAt { get; set; }

    public double? RewardObserved { get; set; }

    /// <summary>The last thing that happened to it, in one word.</summary>
    public string Outcome =>
        RolledBackAt is not null ? "rolled back"
        : PromotedAt is not null ? "kept, promoted"
        : KeptAt is not null ? "kept"
        : ExpiredAt is not null ? "expired"
        : FailedAt is not null ? "failed"
        : AppliedAt is not null ? "active"
        : "intent only";

    /// <summary>When the knob went back (expiry or rollback), if it did.</summary>
    public DateTimeOffset? EndedAt => RolledBackAt ?? ExpiredAt;
}
