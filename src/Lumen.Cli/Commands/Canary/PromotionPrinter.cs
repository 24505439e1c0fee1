using System.Globalization;
using Lumen.Core.Approvals;
using Lumen.Core.Ledger;
using Lumen.Runtime.Promotion;
using Spectre.Console;

namespace Lumen.Cli.Commands.Canary;

/// <summary><c>lumen canary promote</c>'s words: what each step of the workflow found, and the outcome as text and exit code.</summary>
internal sealed class PromotionPrinter(IAnsiConsole console, PromotionTargets targets)
{
    public void Before(PromotionAction action, PromotionState state, string? slackError, TimeSpan interval)
    {
        var request = state.Request;
        switch (action)
        {
            case PromotionAction.RequestApproval:
                if (state.Gate is { Outcome: GateOutcome.Expired or GateOutcome.Void } gate)
                {
                    console.WriteLine($"earlier approval unusable: {gate.Reason}");
                }

                if (slackError is not null)
                {
                    console.WriteLine($"slack: not sent ({slackError})");
                }

                break;
            case PromotionAction.Watch:
                console.WriteLine($"watching {request.Service}'s baseline for {DurationText.Format(request.Watch)} (every {DurationText.Format(interval)}) against the {request.Stage} SLO");
                break;
        }
    }

    public void After(PromotionAction action, PromotionState state)
    {
        switch (action)
        {
            case PromotionAction.ReadPlan when state.Plan is { IsOk: true } plan:
                PrintPlan(state.Request, plan);
                break;
            case PromotionAction.CheckApproval when state.Gate is { IsApproved: true } gate:
                console.WriteLine($"approval: {gate.Reason}");
                break;
            case PromotionAction.Apply when state.Applied is { Ok: true }:
                console.WriteLine($"promoted: the baseline of {state.Request.Service} now runs the canary's configuration ({state.Plan!.Changes.Length} knob(s), read back)");
                break;
        }
    }

    public int Finish(PromotionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var state = run.State;
        var reason = run.Step.Reason;
        switch (run.Outcome)
        {
            case PromotionOutcome.Done:
                if (state.Request.SafeApply)
                {
                    console.WriteLine(state.Watch is { } watch ? $"watch passed: {watch.Reason}" : "watch skipped (--watch 0)");
                }

                return ExitCodes.Ok;
            case PromotionOutcome.NothingToDo:
                console.WriteLine("nothing to promote: the baseline already runs the canary's configuration (a repeated promote changes nothing)");
                return ExitCodes.Ok;
            case PromotionOutcome.DryRun:
                console.WriteLine("dry run (DRY_RUN=1 or the stage's dry_run: true): nothing changed and nothing was requested; set DRY_RUN=0 to promote");
                return ExitCodes.Ok;
            case PromotionOutcome.Refused:
                console.WriteLine(state.RecheckProblem is not null ? $"{reason}; nothing changed" : $"refused: {reason}; nothing changed");
                return ExitCodes.Failed;
            case PromotionOutcome.WaitingForApproval:
                Waiting(state, reason);
                return ExitCodes.WaitingForApproval;
            case PromotionOutcome.Conflict:
                console.WriteLine($"refused: {reason}; nothing overwritten (adjustment.conflict in the ledger); {string.Join("; ", state.Applied!.Restored)}");
                return ExitCodes.Failed;
            case PromotionOutcome.RolledBack:
                console.WriteLine($"rolled back: {reason}; {string.Join("; ", state.Restored!.Notes)}");
                return ExitCodes.Failed;
            default:
                if (state.Applied is { } applied)
                {
                    console.MarkupLineInterpolated($"[red]error:[/] promotion failed: {applied.Error}; {string.Join("; ", applied.Restored)}");
                }
                else
                {
                    console.MarkupLineInterpolated($"[red]error:[/] {reason}");
                }

                return ExitCodes.RuntimeError;
        }
    }

    private void Waiting(PromotionState state, string reason)
    {
        if (state.Requested is not { } record)
        {
            console.WriteLine($"{reason}; approve with: lumen approve {state.Gate!.Record!.Request.Id}");
            return;
        }

        foreach (var note in state.RequestNotes)
        {
            console.WriteLine(note);
        }

        console.WriteLine($"{(state.RequestCreated ? "approval requested" : "approval already requested")}: waiting for approval {record.Request.Id} " +
                          $"(expires {LedgerTime.ToText(record.Request.ExpiresAt)}; no answer means no). " +
                          $"Approve with: lumen approve {record.Request.Id}, in the web console, or in Slack; then run this command again.");
    }

    private void PrintPlan(PromotionRequest request, PromotionPlan plan)
    {
        console.WriteLine($"promotion plan for {request.Service} on {request.Stage} (canary report sha256 {request.ReportSha256![..12]}):");
        foreach (var c in plan.Changes)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Knob}: baseline {c.From} -> {c.To}   via {targets.Describe("baseline")}"));
        }

        foreach (var knob in plan.Unchanged)
        {
            console.WriteLine($"  {knob}: unchanged (baseline and canary agree)");
        }
    }
}
