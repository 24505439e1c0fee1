using System.Collections.Immutable;
using Lumen.Core.Approvals;
using Lumen.Runtime.Promotion;

namespace Lumen.Runtime.Tests.Promotion;

/// <summary>The promotion's pure step function: given what is known, the next action or the outcome.</summary>
public sealed class PromotionWorkflowTests
{
    private static readonly PlannedChange Change = new("timeout_ms", "baseline", 1500, 4400);

    private static readonly PromotionPlan OnePlan = new([Change], [], null);

    private static readonly PromotionApplyResult AppliedOk = new(true, ImmutableDictionary<string, double>.Empty.Add("timeout_ms", 4400), null, []);

    private static PromotionState Promote(string decision = "pass", bool dryRun = false, bool approval = false, bool safeApply = false, int watchSeconds = 0) =>
        new(new PromotionRequest(PromotionDirection.Promote, "prod", "checkout")
        {
            ReportDecision = decision,
            ReportSha256 = new string('a', 64),
            DryRun = dryRun,
            ApprovalRequired = approval,
            SafeApply = safeApply,
            Watch = TimeSpan.FromSeconds(watchSeconds),
        });

    private static ApprovalGate Gate(GateOutcome outcome) => new(outcome, $"gate says {outcome}", null);

    [Theory]
    [InlineData("fail")]
    [InlineData("inconclusive")]
    public void Next_ReportDoesNotSayPass_RefusedBeforeReadingAnything(string decision)
    {
        var step = PromotionWorkflow.Next(Promote(decision));

        Assert.Equal(PromotionOutcome.Refused, step.Outcome);
        Assert.Contains($"says {decision}, not pass", step.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_PassingReportWithoutPlan_ReadsThePlan()
    {
        Assert.Equal(PromotionAction.ReadPlan, PromotionWorkflow.Next(Promote()).Action);
    }

    [Fact]
    public void Next_PlanUnreadable_FailsWithItsError()
    {
        var step = PromotionWorkflow.Next(Promote() with { Plan = new PromotionPlan([], [], "cannot read timeout_ms: down") });

        Assert.Equal(PromotionOutcome.Failed, step.Outcome);
        Assert.Equal("cannot read timeout_ms: down", step.Reason);
    }

    [Fact]
    public void Next_EmptyPlan_NothingToDo()
    {
        Assert.Equal(PromotionOutcome.NothingToDo, PromotionWorkflow.Next(Promote() with { Plan = new PromotionPlan([], ["timeout_ms"], null) }).Outcome);
    }

    [Fact]
    public void Next_DryRun_EndsAfterThePlanWithoutApproval()
    {
        Assert.Equal(PromotionOutcome.DryRun, PromotionWorkflow.Next(Promote(dryRun: true, approval: true) with { Plan = OnePlan }).Outcome);
    }

    [Fact]
    public void Next_SafeApply_RechecksBeforeTheGate_AndAProblemRefuses()
    {
        var planned = Promote(approval: true, safeApply: true) with { Plan = OnePlan };

        Assert.Equal(PromotionAction.Recheck, PromotionWorkflow.Next(planned).Action);
        Assert.Equal(PromotionAction.CheckApproval, PromotionWorkflow.Next(planned with { Rechecked = true }).Action);
        var refused = PromotionWorkflow.Next(planned with { Rechecked = true, RecheckProblem = "the evidence changed" });
        Assert.Equal(PromotionOutcome.Refused, refused.Outcome);
        Assert.Contains("SAFE_APPLY re-check: the evidence changed", refused.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GateOutcome.NotRequested, PromotionAction.RequestApproval)]
    [InlineData(GateOutcome.Expired, PromotionAction.RequestApproval)]
    [InlineData(GateOutcome.Void, PromotionAction.RequestApproval)]
    [InlineData(GateOutcome.Approved, PromotionAction.Apply)]
    public void Next_Gate_DecidesWhetherToRequestOrApply(GateOutcome gate, PromotionAction expected)
    {
        Assert.Equal(expected, PromotionWorkflow.Next(Promote(approval: true) with { Plan = OnePlan, Gate = Gate(gate) }).Action);
    }

    [Theory]
    [InlineData(GateOutcome.Waiting, PromotionOutcome.WaitingForApproval)]
    [InlineData(GateOutcome.Rejected, PromotionOutcome.Refused)]
    public void Next_GateWaitingOrRejected_EndsWithoutApplying(GateOutcome gate, PromotionOutcome expected)
    {
        Assert.Equal(expected, PromotionWorkflow.Next(Promote(approval: true) with { Plan = OnePlan, Gate = Gate(gate) }).Outcome);
    }

    [Fact]
    public void Next_RequestWrittenButNotAnswered_Waits()
    {
        var request = new ApprovalRequest("apr-1", "prod", "checkout", [Change], new string('a', 64), DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch.AddHours(1), "ops");
        var state = Promote(approval: true) with
        {
            Plan = OnePlan,
            Gate = Gate(GateOutcome.NotRequested),
            Requested = new ApprovalRecord(request, ApprovalStatus.Pending, null, null),
        };

        Assert.Equal(PromotionOutcome.WaitingForApproval, PromotionWorkflow.Next(state).Outcome);
    }

    [Fact]
    public void Next_WithoutApprovalRequired_AppliesStraightAfterThePlan()
    {
        Assert.Equal(PromotionAction.Apply, PromotionWorkflow.Next(Promote() with { Plan = OnePlan }).Action);
    }

    [Fact]
    public void Next_Applied_DoneUnlessSafeApplyWatches()
    {
        Assert.Equal(PromotionOutcome.Done, PromotionWorkflow.Next(Promote() with { Plan = OnePlan, Applied = AppliedOk }).Outcome);
        var watching = Promote(safeApply: true, watchSeconds: 90) with { Plan = OnePlan, Rechecked = true, Applied = AppliedOk };
        Assert.Equal(PromotionAction.Watch, PromotionWorkflow.Next(watching).Action);
        var skipped = Promote(safeApply: true, watchSeconds: 0) with { Plan = OnePlan, Rechecked = true, Applied = AppliedOk };
        Assert.Equal(PromotionOutcome.Done, PromotionWorkflow.Next(skipped).Outcome);
    }

    [Fact]
    public void Next_WatchBreached_RestoresThenEndsRolledBack()
    {
        var breached = Promote(safeApply: true, watchSeconds: 90) with
        {
            Plan = OnePlan,
            Rechecked = true,
            Applied = AppliedOk,
            Watch = new WatchResult(true, "p95 above the SLO", 3, 0),
        };

        Assert.Equal(PromotionAction.Restore, PromotionWorkflow.Next(breached).Action);
        var end = PromotionWorkflow.Next(breached with { Restored = PromotionRestoreResult.None });
        Assert.Equal(PromotionOutcome.RolledBack, end.Outcome);
        Assert.Equal("p95 above the SLO", end.Reason);
    }

    [Fact]
    public void Next_ApplyHitAConflict_EndsConflict_NotFailed()
    {
        var conflicted = new PromotionApplyResult(false, ImmutableDictionary<string, double>.Empty, "timeout_ms holds 2000", [])
        {
            Conflicts = [new PromotionConflict("timeout_ms", "baseline", "apply", 1500, 2000)],
        };
        var failed = new PromotionApplyResult(false, ImmutableDictionary<string, double>.Empty, "timeout_ms: 503", []);

        Assert.Equal(PromotionOutcome.Conflict, PromotionWorkflow.Next(Promote() with { Plan = OnePlan, Applied = conflicted }).Outcome);
        Assert.Equal(PromotionOutcome.Failed, PromotionWorkflow.Next(Promote() with { Plan = OnePlan, Applied = failed }).Outcome);
    }

    [Fact]
    public void Next_CanaryRollback_NeedsNoReportNorApproval()
    {
        var rollback = new PromotionState(new PromotionRequest(PromotionDirection.CanaryRollback, "prod", "checkout") { ApprovalRequired = true });

        Assert.Equal(PromotionAction.ReadPlan, PromotionWorkflow.Next(rollback).Action);
        Assert.Equal(PromotionAction.Apply, PromotionWorkflow.Next(rollback with { Plan = OnePlan }).Action);
        Assert.Equal(PromotionOutcome.Done, PromotionWorkflow.Next(rollback with { Plan = OnePlan, Applied = AppliedOk }).Outcome);
    }

    [Fact]
    public void Next_RollbackThatMustBeRecorded_AppliesEvenAnEmptyOrUnreadablePlan()
    {
        var release = new PromotionState(new PromotionRequest(PromotionDirection.CanaryRollback, "demo", "checkout") { AlwaysRecord = true });

        Assert.Equal(PromotionAction.Apply, PromotionWorkflow.Next(release with { Plan = new PromotionPlan([], ["a"], null) }).Action);
        Assert.Equal(PromotionAction.Apply, PromotionWorkflow.Next(release with { Plan = new PromotionPlan([], [], "down") }).Action);
    }

    [Fact]
    public void Next_WalkedWithScriptedResults_VisitsTheChecklistInOrder()
    {
        var state = Promote(approval: true, safeApply: true, watchSeconds: 60);
        var actions = new List<PromotionAction>();
        PromotionStep step;
        while ((step = PromotionWorkflow.Next(state)).Action is { } action)
        {
            actions.Add(action);
            state = action switch
            {
                PromotionAction.ReadPlan => state with { Plan = OnePlan },
                PromotionAction.Recheck => state with { Rechecked = true },
                PromotionAction.CheckApproval => state with { Gate = Gate(GateOutcome.Approved) },
                PromotionAction.Apply => state with { Applied = AppliedOk },
                PromotionAction.Watch => state with { Watch = new WatchResult(false, "no breach", 2, 0) },
                _ => throw new InvalidOperationException($"unexpected {action}"),
            };
        }

        Assert.Equal([PromotionAction.ReadPlan, PromotionAction.Recheck, PromotionAction.CheckApproval, PromotionAction.Apply, PromotionAction.Watch], actions);
        Assert.Equal(PromotionOutcome.Done, step.Outcome);
    }
}
