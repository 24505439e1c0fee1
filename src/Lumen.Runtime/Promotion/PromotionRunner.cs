using System.Collections.Immutable;
using Lumen.Core.Approvals;
using Lumen.Core.Ledger;
using Lumen.Runtime.Approvals;

namespace Lumen.Runtime.Promotion;

/// <summary>
/// Performs what <see cref="PromotionWorkflow.Next"/> asks for, one action at a time, until it gives
/// an outcome: the I/O at both ends of the pure step (executors, approvals, ledger). Callers watch the
/// progress through the optional callbacks (the CLI prints each step) and map the outcome to an exit code.
/// </summary>
public sealed class PromotionRunner(PromotionPorts ports)
{
    private ILedgerStore? _ledger;
    private ApprovalService? _approvals;

    /// <summary>Runs from <paramref name="state"/> to an outcome; <paramref name="before"/> and <paramref name="after"/> see each action.</summary>
    public async Task<PromotionRun> RunAsync(PromotionState state, CancellationToken cancellationToken,
        Action<PromotionAction, PromotionState>? before = null, Action<PromotionAction, PromotionState>? after = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var step = PromotionWorkflow.Next(state);
        while (step.Action is { } action)
        {
            before?.Invoke(action, state);
            state = await PerformAsync(action, state, cancellationToken).ConfigureAwait(false);
            after?.Invoke(action, state);
            step = PromotionWorkflow.Next(state);
        }

        return new PromotionRun(state, step);
    }

    /// <summary>One action: returns the state with what it found.</summary>
    public async Task<PromotionState> PerformAsync(PromotionAction action, PromotionState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var request = state.Request;
        switch (action)
        {
            case PromotionAction.ReadPlan:
                return state with
                {
                    Plan = await Promoter.PlanAsync(ports.Knobs, ports.Source, ports.Target, request.TargetTrack, cancellationToken).ConfigureAwait(false),
                };
            case PromotionAction.Recheck:
                return state with
                {
                    Rechecked = true,
                    RecheckProblem = ports.Recheck is null ? null : await ports.Recheck(cancellationToken).ConfigureAwait(false),
                };
            case PromotionAction.CheckApproval:
                return state with { Gate = await GateAsync(state, cancellationToken).ConfigureAwait(false) };
            case PromotionAction.RequestApproval:
                return await RequestAsync(state, cancellationToken).ConfigureAwait(false);
            case PromotionAction.Apply:
                return await ApplyAsync(state, cancellationToken).ConfigureAwait(false);
            case PromotionAction.Watch:
                return state with
                {
                    Watch = ports.Watch is null
                        ? new WatchResult(false, "no watch configured", 0, 0)
                        : await ports.Watch(cancellationToken).ConfigureAwait(false),
                };
            case PromotionAction.Restore:
                return await RestoreAsync(state, cancellationToken).ConfigureAwait(false);
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "unknown promotion action");
        }
    }

    private async Task<ILedgerStore> LedgerAsync(CancellationToken cancellationToken) =>
        _ledger ??= await ports.Ledger(cancellationToken).ConfigureAwait(false);

    private async Task<ApprovalService> ApprovalsAsync(CancellationToken cancellationToken) =>
        _approvals ??= new ApprovalService(await LedgerAsync(cancellationToken).ConfigureAwait(false), ports.Time);

    private async Task<ApprovalGate> GateAsync(PromotionState state, CancellationToken cancellationToken)
    {
        var request = state.Request;
        var approvals = await ApprovalsAsync(cancellationToken).ConfigureAwait(false);
        var book = await approvals.BookAsync(cancellationToken).ConfigureAwait(false);
        var sha = request.ReportSha256 ?? "";
        return ApprovalRules.Gate(book.FindPlan(request.Stage, request.Service, sha, state.Plan!.Changes), ports.Time.GetUtcNow(), sha);
    }

    private async Task<PromotionState> RequestAsync(PromotionState state, CancellationToken cancellationToken)
    {
        var request = state.Request;
        var approvals = await ApprovalsAsync(cancellationToken).ConfigureAwait(false);
        var (record, created, notes) = await approvals.RequestAsync(request.Stage, request.Service, state.Plan!.Changes, request.ReportSha256 ?? "",
            request.ApprovalExpires, ports.Actor, ports.Channels, cancellationToken).ConfigureAwait(false);
        if (ports.Answer is not null)
        {
            await ports.Answer(approvals, record, cancellationToken).ConfigureAwait(false);
        }

        var requested = state with { Requested = record, RequestCreated = created, RequestNotes = [.. notes] };
        return requested with { Gate = await GateAsync(requested, cancellationToken).ConfigureAwait(false) };
    }

    private async Task<PromotionState> ApplyAsync(PromotionState state, CancellationToken cancellationToken)
    {
        var request = state.Request;
        var plan = state.Plan!;
        var applied = plan.IsOk
            ? await Promoter.ApplyAsync(plan.Changes, ports.Target, cancellationToken).ConfigureAwait(false)
            : new PromotionApplyResult(false, ImmutableDictionary<string, double>.Empty, plan.Error, []);
        var done = state with { Applied = applied };
        var ledger = await LedgerAsync(cancellationToken).ConfigureAwait(false);
        foreach (var conflict in applied.Conflicts)
        {
            await ledger.AppendAsync(PromotionEntries.Conflict(done, ports.Actor, conflict), cancellationToken).ConfigureAwait(false);
        }

        if (applied.Conflicts.Any(c => c.Operation == "apply"))
        {
            // Someone else changed a knob after the plan was read: nothing was overwritten, nothing else to record.
            return done;
        }

        if (request.Direction == PromotionDirection.CanaryRollback)
        {
            await ledger.AppendAsync(PromotionEntries.CanaryRolledBack(done, ports.Actor, ports.EntryNotes), cancellationToken).ConfigureAwait(false);
            return done;
        }

        if (!applied.Ok)
        {
            await ledger.AppendAsync(PromotionEntries.RolledBack(done, ports.Actor, $"apply failed: {applied.Error}", applied.Restored), cancellationToken)
                .ConfigureAwait(false);
            return done;
        }

        // The kept trials the promotion carries, folded before promotion.applied resets them.
        var kept = ports.Kept is null
            ? await PromotionCarry.KeptAsync(ledger, request.Service, cancellationToken).ConfigureAwait(false)
            : await ports.Kept(ledger, cancellationToken).ConfigureAwait(false);
        await ledger.AppendAsync(PromotionEntries.Applied(done, ports.Actor, ports.EntryNotes), cancellationToken).ConfigureAwait(false);
        await PromotionCarry.MarkAsync(ledger, request.Stage, request.Service, ports.Actor, kept, applied.ReadBack, request.ReportSha256, cancellationToken)
            .ConfigureAwait(false);
        return done;
    }

    private async Task<PromotionState> RestoreAsync(PromotionState state, CancellationToken cancellationToken)
    {
        var restored = await Promoter.RestoreAsync(state.Plan!.Changes, ports.Target, state.Applied!.ReadBack, cancellationToken).ConfigureAwait(false);
        var done = state with { Restored = restored };
        var ledger = await LedgerAsync(cancellationToken).ConfigureAwait(false);
        foreach (var conflict in restored.Conflicts)
        {
            await ledger.AppendAsync(PromotionEntries.Conflict(done, ports.Actor, conflict), cancellationToken).ConfigureAwait(false);
        }

        await ledger.AppendAsync(PromotionEntries.RolledBack(done, ports.Actor, $"SLO breach while watching: {state.Watch!.Reason}", restored.Notes),
            cancellationToken).ConfigureAwait(false);
        return done;
    }
}
