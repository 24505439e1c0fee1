namespace Lumen.Runtime.Promotion;

/// <summary>Where a run of the workflow ended: the state it reached and the final step (its outcome and reason).</summary>
public sealed record PromotionRun(PromotionState State, PromotionStep Step)
{
    public PromotionOutcome Outcome => Step.Outcome!.Value;
}
