namespace Lumen.Runtime.Promotion;

/// <summary>The next thing a promotion (or canary rollback) must do: each is one I/O step of <see cref="PromotionRunner"/>.</summary>
public enum PromotionAction
{
    /// <summary>Read both tracks' knobs: the plan.</summary>
    ReadPlan,

    /// <summary>SAFE_APPLY: judge the report's input again; it must give the same passing report.</summary>
    Recheck,

    /// <summary>Look the plan up in the approval book and gate it.</summary>
    CheckApproval,

    /// <summary>Write an approval request (and announce it); then gate again.</summary>
    RequestApproval,

    /// <summary>Write the plan (compare-and-set), read it back, write the ledger entries.</summary>
    Apply,

    /// <summary>SAFE_APPLY: watch the baseline against the SLO.</summary>
    Watch,

    /// <summary>The watch saw a breach: put the baseline back (compare-and-set) and write <c>promotion.rolled_back</c>.</summary>
    Restore,
}
