namespace Lumen.Core.Adjustments;

/// <summary>
/// An open adjustment as folded from the ledger: its intent, where it stands, and the pending
/// rollback's bookkeeping. Times are absolute (<see cref="AdjustmentIntent.ExpiresAt"/>), never timers,
/// so a restarted loop knows exactly what is due.
/// </summary>
/// <param name="Intent">What was decided, including <c>from</c> (the value to restore).</param>
/// <param name="State">Intent, Applied or FailedNeedsRestore.</param>
/// <param name="AppliedAt">When <c>adjustment.applied</c> was written.</param>
/// <param name="AppliedValue">The value read back when it was applied.</param>
/// <param name="RewardObserved">True once <c>reward.observed</c> was written for it.</param>
/// <param name="RollbackCause">Why a restore is pending: null (none yet), <c>ttl</c>, <c>brake</c> or <c>failed_apply</c>.</param>
/// <param name="RollbackAttempts">Failed restore attempts so far.</param>
/// <param name="NextRollbackAt">When the next restore attempt is due after a failure.</param>
public sealed record Adjustment(
    AdjustmentIntent Intent,
    AdjustmentState State,
    DateTimeOffset? AppliedAt = null,
    double? AppliedValue = null,
    bool RewardObserved = false,
    string? RollbackCause = null,
    int RollbackAttempts = 0,
    DateTimeOffset? NextRollbackAt = null)
{
    public string Id => Intent.Id;

    public string Service => Intent.Service;

    public string Knob => Intent.Knob;

    /// <summary>
    /// True when the knob must be restored to <c>from</c> at <paramref name="now"/>: an applied
    /// adjustment at or past <c>expires_at</c>, a failed apply that left a foreign value, or a pending
    /// restore (brake) — each only once its backoff after a failed attempt has passed.
    /// </summary>
    public bool RestoreDue(DateTimeOffset now)
    {
        if (NextRollbackAt is { } next && now < next)
        {
            return false;
        }

        return State switch
        {
            AdjustmentState.Applied => now >= Intent.ExpiresAt || RollbackCause is not null,
            AdjustmentState.FailedNeedsRestore => true,
            _ => false,
        };
    }
}
