using Lumen.Core.Adjustments;
using Lumen.Core.Guard;
using Lumen.Core.Ledger;
using Lumen.Core.Sli;
using Lumen.Runtime.Crash;

namespace Lumen.Runtime.Loop;

/// <summary>Step 8: each accepted change: intent (durable) → set on the canary → read back → outcome.</summary>
public sealed partial class ControlLoop
{
    private async Task ExecuteAsync(TickContext tick, CancellationToken cancellationToken)
    {
        foreach (var change in tick.Guard!.Accepted)
        {
            var proposal = change.Proposal;
            if (!HoldsLease(proposal.Service))
            {
                continue; // decide skips such services; this keeps a lease lost mid-tick from acting
            }

            var service = tick.Find(proposal.Service)!;
            var knob = Knob(proposal.Service, proposal.Knob)!;
            var c = service.Coordinates;
            string? trial = null;
            if (proposal.Target is not null && service.Memory.Block is { } block && !_options.EffectiveDryRun)
            {
                // A trial's id is the id of its first adjustment.
                block.Trial = block.Trial == PendingTrial ? _book.NextId : block.Trial;
                trial = block.Trial;
            }

            var intent = new AdjustmentIntent(
                _book.NextId, proposal.Service, proposal.Knob, SliTracks.Canary, change.From, change.To,
                proposal.Target is null ? SourceName(proposal.Source) : "tuner", ArmKey(proposal), proposal.Reason,
                tick.Now + _stage.Policy.Ttl, tick.Now + knob.Settle,
                c is null ? null : Finite(c.Features), Finite(c?.Health), Finite(c?.Coherence), trial);

            // Shadow mode: decided and guarded, written down, never executed.
            if (_options.EffectiveDryRun)
            {
                await AppendAsync(tick, LedgerKinds.Shadow, intent.Service, intent.ToData(), cancellationToken).ConfigureAwait(false);
                tick.Actions++;
                continue;
            }

            await ApplyAsync(tick, intent, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The intent is durable before the executor runs; the set is a compare-and-set: the knob is read
    /// first and set only while it still holds <c>from</c> (otherwise <c>adjustment.conflict</c>, nothing
    /// set). The outcome is what is read back, not what the set call said (a timeout may hide a success).
    /// When the read-back fails, no outcome is written: the intent stays open and the reconcile step
    /// reads the target again.
    /// </summary>
    private async Task ApplyAsync(TickContext tick, AdjustmentIntent intent, CancellationToken cancellationToken)
    {
        await AppendAsync(tick, LedgerKinds.AdjustmentIntent, intent.Service, intent.ToData(), cancellationToken).ConfigureAwait(false);
        var executor = _ports.CanaryExecutors[intent.Service];
        var before = await executor.GetAsync(intent.Knob, cancellationToken).ConfigureAwait(false);
        if (!before.IsOk)
        {
            tick.Problems.Add($"{intent.Id}: reading {intent.Knob} before the change failed ({before.Reason}); not applied");
            await AppendAsync(tick, LedgerKinds.AdjustmentFailed, intent.Service, LedgerData.From(new Dictionary<string, object?>
            {
                ["id"] = intent.Id,
                ["knob"] = intent.Knob,
                ["reason"] = $"compare-and-set: reading the knob failed: {before.Reason}",
            }), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!KnobValues.Same(before.Value, intent.From))
        {
            await ConflictAsync(tick, intent, "apply", intent.From, before.Value, before.WrittenBy, cancellationToken).ConfigureAwait(false);
            return;
        }

        _crash.At(CrashPoint.BeforeApply);
        var set = await executor.SetIfAsync(intent.Knob, intent.From, intent.To, cancellationToken).ConfigureAwait(false);
        _crash.At(CrashPoint.AfterApply);
        if (set.IsConflict)
        {
            // Someone wrote between the read and the write, and the target caught it.
            tick.Actions++;
            await ConflictAsync(tick, intent, "apply", intent.From, set.Observed, set.WrittenBy, cancellationToken).ConfigureAwait(false);
            return;
        }

        var read = await executor.GetAsync(intent.Knob, cancellationToken).ConfigureAwait(false);
        _crash.At(CrashPoint.BeforeLedgerOutcome);
        tick.Actions++;
        if (!read.IsOk)
        {
            tick.Problems.Add($"{intent.Id}: reading {intent.Knob} back failed ({read.Reason}); the next reconcile decides");
            return;
        }

        await RecordOutcomeAsync(tick, intent, read.Value, set.IsOk ? null : set.Reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The <c>who</c> of a conflict when the target cannot say who wrote the knob.</summary>
    public const string UnknownWriter = "unknown";

    /// <summary>
    /// A compare-and-set found <paramref name="observed"/> where Lumen expected <paramref name="expected"/>:
    /// someone else changed the knob. It is left alone; <c>adjustment.conflict</c> closes the adjustment.
    /// </summary>
    /// <param name="observed">What the knob holds; null when the target refused the write without saying.</param>
    /// <param name="writtenBy">Who wrote it, as the target reports it; null: the target cannot say, recorded as <see cref="UnknownWriter"/>.</param>
    private async Task ConflictAsync(TickContext tick, AdjustmentIntent intent, string operation, double expected, double? observed,
        string? writtenBy, CancellationToken cancellationToken)
    {
        var who = string.IsNullOrWhiteSpace(writtenBy) ? UnknownWriter : writtenBy;
        tick.Problems.Add($"{intent.Id}: {intent.Knob} holds {(observed is { } o ? o.ToString(System.Globalization.CultureInfo.InvariantCulture) : "another value")}, not the {expected} Lumen expected before {operation} (written by {who}); left alone (conflict)");
        await AppendAsync(tick, LedgerKinds.AdjustmentConflict, intent.Service, LedgerData.From(new Dictionary<string, object?>
        {
            ["id"] = intent.Id,
            ["knob"] = intent.Knob,
            ["operation"] = operation,
            ["expected"] = expected,
            ["observed"] = observed,
            ["who"] = who,
        }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what is true for an intent, given the value its target holds.</summary>
    private async Task RecordOutcomeAsync(TickContext tick, AdjustmentIntent intent, double actual, string? setFailure,
        CancellationToken cancellationToken)
    {
        if (KnobValues.Same(actual, intent.To))
        {
            await AppendAsync(tick, LedgerKinds.AdjustmentApplied, intent.Service, LedgerData.From(new Dictionary<string, object?>
            {
                ["id"] = intent.Id,
                ["knob"] = intent.Knob,
                ["value"] = actual,
            }), cancellationToken).ConfigureAwait(false);
            return;
        }

        var reason = setFailure
            ?? (KnobValues.Same(actual, intent.From) ? "the target still holds the old value" : $"read back {actual}, expected {intent.To}");
        tick.Problems.Add($"{intent.Id}: {intent.Knob} not applied: {reason}");
        await AppendAsync(tick, LedgerKinds.AdjustmentFailed, intent.Service, LedgerData.From(new Dictionary<string, object?>
        {
            ["id"] = intent.Id,
            ["knob"] = intent.Knob,
            ["reason"] = reason,
            ["value"] = actual,
        }), cancellationToken).ConfigureAwait(false);
    }
}
