namespace Lumen.Core.Ledger;

/// <summary>
/// The documented entry kinds (docs/ledger.md has the table with each kind's <c>data</c>).
/// The verifier accepts any kind, so a newer Lumen can add kinds without breaking old verifiers.
/// </summary>
public static class LedgerKinds
{
    /// <summary>A writer opened the ledger (every start of a writing process).</summary>
    public const string LedgerOpened = "ledger.opened";

    /// <summary>A torn last line was truncated on open; data names the fragment file.</summary>
    public const string LedgerRepaired = "ledger.repaired";

    /// <summary>One loop tick: the SLI windows and rhythm coordinates it saw.</summary>
    public const string Tick = "tick";

    /// <summary>One tick's readings, rhythm coordinates and knob values for one service (docs/ledger-entries.md).</summary>
    public const string Observation = "observation";

    /// <summary>A decision: context, chosen arm, every arm's score and the choice probability.</summary>
    public const string Decision = "decision";

    /// <summary>A would-be adjustment in shadow mode (DRY_RUN=1): decided and guarded, not executed.</summary>
    public const string Shadow = "shadow";

    /// <summary>An adjustment is about to be executed (written and fsync'd before the executor runs).</summary>
    public const string AdjustmentIntent = "adjustment.intent";

    /// <summary>The executor applied the adjustment and read the value back.</summary>
    public const string AdjustmentApplied = "adjustment.applied";

    /// <summary>The executor failed; the intent is reconciled on the next tick.</summary>
    public const string AdjustmentFailed = "adjustment.failed";

    /// <summary>The adjustment was undone (brake, guard, or operator).</summary>
    public const string AdjustmentRolledBack = "adjustment.rolled_back";

    /// <summary>The adjustment reached its <c>expires_at</c> and was rolled back.</summary>
    public const string AdjustmentExpired = "adjustment.expired";

    /// <summary>The adjustment became part of the baseline through a promotion.</summary>
    public const string AdjustmentPromoted = "adjustment.promoted";

    /// <summary>
    /// A compare-and-set found the knob at a value Lumen did not set (someone else changed it): the
    /// knob is left alone and the adjustment closed; data: id, knob, expected, observed, operation, who.
    /// </summary>
    public const string AdjustmentConflict = "adjustment.conflict";

    /// <summary>The loop took over a target's lease that another holder let lapse (data: previous holder, token, expiry).</summary>
    public const string LeaseTakenOver = "lease.taken_over";

    /// <summary>The loop's lease on a target was taken by another holder or could not be renewed; it stops acting there.</summary>
    public const string LeaseLost = "lease.lost";

    /// <summary>The state directory's disk is full: the reserve was released to restore every open adjustment; the loop stops.</summary>
    public const string DiskFull = "ledger.disk_full";

    /// <summary>A rollback attempt failed; it is retried with backoff and alerted.</summary>
    public const string RollbackFailed = "rollback.failed";

    /// <summary>A canary check's verdict (pass, fail, inconclusive) with the report's hash.</summary>
    public const string CanaryDecision = "canary.decision";

    /// <summary>A promotion waits for a human; data holds the request id and report hash.</summary>
    public const string ApprovalRequested = "approval.requested";

    /// <summary>A human approved; data holds who, through which channel, and the report hash.</summary>
    public const string ApprovalGranted = "approval.granted";

    /// <summary>A human rejected the promotion.</summary>
    public const string ApprovalRejected = "approval.rejected";

    /// <summary>The approval request expired (default deny).</summary>
    public const string ApprovalExpired = "approval.expired";

    /// <summary>The canary's configuration became the baseline.</summary>
    public const string PromotionApplied = "promotion.applied";

    /// <summary>A promotion was undone (SAFE_APPLY watch or operator).</summary>
    public const string PromotionRolledBack = "promotion.rolled_back";

    /// <summary>The canary was put back to the baseline's configuration (<c>lumen canary rollback</c>).</summary>
    public const string CanaryRolledBack = "canary.rolled_back";

    /// <summary>The reward observed for an earlier decision.</summary>
    public const string RewardObserved = "reward.observed";

    /// <summary>The configuration the process started with (file hashes).</summary>
    public const string ConfigLoaded = "config.loaded";

    /// <summary>A trial shown better than the incumbent: its value is the knob's new incumbent (not restored).</summary>
    public const string AdjustmentKept = "adjustment.kept";

    /// <summary>The verdict on a trial (or a hold block) of the value-level tuner, with its evidence.</summary>
    public const string TrialJudged = "trial.judged";

    /// <summary>This replica's claims changed (services gained or lost, or the coordination engine's fault); docs/scale-out.md.</summary>
    public const string CoordinationChanged = "coordination.changed";

    /// <summary>A service this replica gained was handed over with open adjustments or kept values, now this replica's to restore or keep; docs/scale-out.md.</summary>
    public const string CoordinationAdopted = "coordination.adopted";

    /// <summary>Every documented kind, in the order of docs/ledger.md.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        LedgerOpened, LedgerRepaired, Tick, Observation, Decision, Shadow,
        AdjustmentIntent, AdjustmentApplied, AdjustmentFailed, AdjustmentRolledBack, AdjustmentExpired, AdjustmentPromoted,
        RollbackFailed, CanaryDecision,
        ApprovalRequested, ApprovalGranted, ApprovalRejected, ApprovalExpired,
        PromotionApplied, PromotionRolledBack, CanaryRolledBack, RewardObserved, ConfigLoaded, AdjustmentKept, TrialJudged,
        CoordinationChanged, CoordinationAdopted,
    ];
}
