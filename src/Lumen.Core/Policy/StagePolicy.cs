namespace Lumen.Core.Policy;

/// <summary>How boldly Lumen may act on a stage. Defaults and ranges: docs/configuration.md.</summary>
/// <param name="IntervalSeconds">One tick of the loop.</param>
/// <param name="DryRun">Shadow mode: decide and log, never execute.</param>
/// <param name="RewardMixLambda">λ in [0,1]: weight of the learned reward model in the learning signal.</param>
/// <param name="LinUcbAlpha">Exploration width of LinUCB (≥ 0).</param>
/// <param name="Conservative">Choose an arm other than hold only when its lower bound beats hold's.</param>
/// <param name="MaxActiveAdjustments">Adjustments active at once on this stage (0 = never act).</param>
/// <param name="DeltaClamp">Largest relative change of a knob per adjustment, in (0,1].</param>
/// <param name="TtlMinutes">An adjustment is rolled back after this unless promoted (≥ 1).</param>
/// <param name="CooldownMinutes">Minimum time between two adjustments of one knob (≥ 0).</param>
/// <param name="ApprovalRequired">Promotion waits for a human approval.</param>
public sealed record StagePolicy(
    int IntervalSeconds,
    bool DryRun,
    double RewardMixLambda,
    double LinUcbAlpha,
    bool Conservative,
    int MaxActiveAdjustments,
    double DeltaClamp,
    int TtlMinutes,
    int CooldownMinutes,
    bool ApprovalRequired)
{
    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);

    public TimeSpan Ttl => TimeSpan.FromMinutes(TtlMinutes);

    public TimeSpan Cooldown => TimeSpan.FromMinutes(CooldownMinutes);
}
