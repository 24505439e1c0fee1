namespace Lumen.Runtime.Promotion;

/// <summary>How a promotion (or canary rollback) ended; commands map each to an exit code.</summary>
public enum PromotionOutcome
{
    /// <summary>Applied and read back (and, with SAFE_APPLY, watched without a breach).</summary>
    Done,

    /// <summary>The target already runs the source's configuration: nothing to change.</summary>
    NothingToDo,

    /// <summary>DRY_RUN: the plan was shown, nothing was changed or requested.</summary>
    DryRun,

    /// <summary>The report does not say pass, the SAFE_APPLY re-check disagrees, or a person rejected it; nothing changed.</summary>
    Refused,

    /// <summary>An approval is requested or pending; nothing changed yet.</summary>
    WaitingForApproval,

    /// <summary>A knob held a value the plan did not expect (someone else changed it): left alone, nothing overwritten.</summary>
    Conflict,

    /// <summary>Reading the plan or applying it failed (what was changed was restored).</summary>
    Failed,

    /// <summary>SAFE_APPLY: the watch saw an SLO breach and the baseline was put back.</summary>
    RolledBack,
}
