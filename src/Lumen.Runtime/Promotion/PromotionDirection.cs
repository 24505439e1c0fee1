namespace Lumen.Runtime.Promotion;

/// <summary>Which way knobs are copied: the canary's configuration to the baseline, or the baseline's back to the canary.</summary>
public enum PromotionDirection
{
    /// <summary><c>lumen canary promote</c>: canary → baseline, behind the canary report and the approval gate.</summary>
    Promote,

    /// <summary><c>lumen canary rollback</c>: baseline → canary, no report or approval needed.</summary>
    CanaryRollback,
}
