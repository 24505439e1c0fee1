namespace Lumen.Runtime.Promotion;

/// <summary>What <see cref="PromotionWorkflow.Next"/> says: an action to perform next, or the outcome and why.</summary>
public sealed record PromotionStep(PromotionAction? Action, PromotionOutcome? Outcome, string Reason)
{
    public bool IsFinal => Outcome is not null;

    public static PromotionStep Do(PromotionAction action) => new(action, null, "");

    public static PromotionStep End(PromotionOutcome outcome, string reason) => new(null, outcome, reason);
}
