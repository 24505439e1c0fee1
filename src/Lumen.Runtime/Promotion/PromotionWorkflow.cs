using Lumen.Core.Approvals;

namespace Lumen.Runtime.Promotion;

/// <summary>
/// The promotion (and canary rollback) as a pure step function (docs/promotion.md): given what is
/// known so far, the next action or the outcome. No I/O, no clock: <see cref="PromotionRunner"/>
/// performs the action, adds what it found to the state and asks again. The checklist, in order:
/// the report must say pass → read the plan → nothing to change? → dry run? → SAFE_APPLY re-check →
/// approval gate (request when there is none) → apply (compare-and-set) → SAFE_APPLY watch → restore
/// on a breach.
/// </summary>
public static class PromotionWorkflow
{
    public static PromotionStep Next(PromotionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var request = state.Request;
        var promote = request.Direction == PromotionDirection.Promote;
        if (promote && request.ReportDecision != "pass")
        {
            return PromotionStep.End(PromotionOutcome.Refused, $"the canary report says {request.ReportDecision ?? "nothing"}, not pass");
        }

        if (state.Plan is not { } plan)
        {
            return PromotionStep.Do(PromotionAction.ReadPlan);
        }

        if (!plan.IsOk)
        {
            return request.AlwaysRecord && state.Applied is null
                ? PromotionStep.Do(PromotionAction.Apply)
                : PromotionStep.End(PromotionOutcome.Failed, plan.Error!);
        }

        if (plan.IsEmpty && !request.AlwaysRecord)
        {
            return PromotionStep.End(PromotionOutcome.NothingToDo, $"the {request.TargetTrack} already runs the configuration");
        }

        if (request.DryRun)
        {
            return PromotionStep.End(PromotionOutcome.DryRun, "dry run: nothing changed and nothing was requested");
        }

        if (promote && Approval(state) is { } gateStep)
        {
            return gateStep;
        }

        return state.Applied is { } applied ? AfterApply(state, applied) : PromotionStep.Do(PromotionAction.Apply);
    }

    /// <summary>The SAFE_APPLY re-check and the approval gate: a step while they are not through, null once they are.</summary>
    private static PromotionStep? Approval(PromotionState state)
    {
        var request = state.Request;
        if (request.SafeApply && !state.Rechecked)
        {
            return PromotionStep.Do(PromotionAction.Recheck);
        }

        if (state.RecheckProblem is { } problem)
        {
            return PromotionStep.End(PromotionOutcome.Refused, $"refused by SAFE_APPLY re-check: {problem}");
        }

        if (!request.ApprovalRequired)
        {
            return null;
        }

        if (state.Gate is not { } gate)
        {
            return PromotionStep.Do(PromotionAction.CheckApproval);
        }

        return gate.Outcome switch
        {
            GateOutcome.Approved => null,
            GateOutcome.Rejected => PromotionStep.End(PromotionOutcome.Refused, gate.Reason),
            GateOutcome.Waiting => PromotionStep.End(PromotionOutcome.WaitingForApproval, gate.Reason),
            _ when state.Requested is null => PromotionStep.Do(PromotionAction.RequestApproval),
            _ => PromotionStep.End(PromotionOutcome.WaitingForApproval, gate.Reason),
        };
    }

    private static PromotionStep AfterApply(PromotionState state, PromotionApplyResult applied)
    {
        if (!applied.Ok && applied.Conflicts.Any(c => c.Operation == "apply"))
        {
            return PromotionStep.End(PromotionOutcome.Conflict, applied.Error ?? "conflict");
        }

        if (!applied.Ok)
        {
            return PromotionStep.End(PromotionOutcome.Failed, applied.Error ?? "apply failed");
        }

        var request = state.Request;
        if (request.Direction != PromotionDirection.Promote || !request.SafeApply || request.Watch <= TimeSpan.Zero)
        {
            return PromotionStep.End(PromotionOutcome.Done, "applied and read back");
        }

        if (state.Watch is not { } watch)
        {
            return PromotionStep.Do(PromotionAction.Watch);
        }

        if (!watch.Breached)
        {
            return PromotionStep.End(PromotionOutcome.Done, watch.Reason);
        }

        return state.Restored is null
            ? PromotionStep.Do(PromotionAction.Restore)
            : PromotionStep.End(PromotionOutcome.RolledBack, watch.Reason);
    }
}
