using Lumen.Core.Adjustments;
using Lumen.Core.Guard;
using Lumen.Core.Ledger;
using Lumen.Runtime.Crash;

namespace Lumen.Runtime.Loop;

/// <summary>
/// Step 9: reconcile. Runs every tick, whatever the SLI data: open intents are resolved by reading
/// the target; the brake's rollbacks, expired adjustments and restores that failed before (once their
/// backoff has passed) are restored to <c>from</c>.
/// </summary>
public sealed partial class ControlLoop
{
    /// <summary>Why an intent that found the target at <c>from</c> is recorded as failed.</summary>
    public const string NotAppliedBeforeRestart = "not applied before restart";

    private async Task ReconcileAsync(TickContext tick, CancellationToken cancellationToken)
    {
        await ResolveIntentsAsync(tick, cancellationToken).ConfigureAwait(false);
        var braking = tick.Guard?.Rollbacks.Select(r => r.AdjustmentId).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var adjustment in _book.Open.Values.ToList())
        {
            if (!_holdings.Current.Holds(adjustment.Service, tick.Now) || !HoldsLease(adjustment.Service))
            {
                continue; // another replica's now (docs/scale-out.md), or its target's lease is not ours (docs/reliability.md)
            }

            var brake = adjustment.State == AdjustmentState.Applied && braking.Contains(adjustment.Id)
                && adjustment.NextRollbackAt is null;
            if (brake || Due(adjustment, tick))
            {
                var cause = brake ? "brake" : adjustment.RollbackCause ?? "ttl";
                await RestoreAsync(tick, adjustment, cause, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// An intent without an outcome (the process died, or the read-back failed): read the target and
    /// record what is true. At <c>to</c> → applied; at <c>from</c> → failed "not applied before
    /// restart"; anything else → failed with the value, and <c>from</c> is restored below.
    /// The executor's set is never called again for an intent, so nothing is applied twice.
    /// </summary>
    private async Task ResolveIntentsAsync(TickContext tick, CancellationToken cancellationToken)
    {
        foreach (var adjustment in _book.InState(AdjustmentState.Intent).ToList())
        {
            if (!_holdings.Current.Holds(adjustment.Service, tick.Now))
            {
                continue;
            }

            var intent = adjustment.Intent;
            if (!HoldsLease(intent.Service))
            {
                continue;
            }

            var read = await _ports.CanaryExecutors[intent.Service].GetAsync(intent.Knob, cancellationToken).ConfigureAwait(false);
            if (!read.IsOk)
            {
                tick.Problems.Add($"{intent.Id}: open intent, reading {intent.Knob} failed ({read.Reason}); retried next tick");
                continue;
            }

            tick.Actions++;
            await RecordOutcomeAsync(tick, intent, read.Value,
                KnobValues.Same(read.Value, intent.From) ? NotAppliedBeforeRestart : null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Restores <c>from</c> as a compare-and-set: the knob is read first; still at the value Lumen set →
    /// set <c>from</c> and write <c>adjustment.expired</c> (cause ttl) or <c>adjustment.rolled_back</c>
    /// (brake, failed_apply, trial); already at <c>from</c> → the same entry without a set; any other value
    /// → <c>adjustment.conflict</c> and the knob is left alone. On failure <c>rollback.failed</c> with the
    /// attempt number and <c>next_attempt_at</c> (exponential backoff from the time of the failure, so it
    /// is never earlier than the entry's own time), retried every tick after it.
    /// </summary>
    private async Task RestoreAsync(TickContext tick, Adjustment adjustment, string cause, CancellationToken cancellationToken)
    {
        var intent = adjustment.Intent;
        var executor = _ports.CanaryExecutors[intent.Service];
        var expected = adjustment.AppliedValue ?? intent.To;
        var before = await executor.GetAsync(intent.Knob, cancellationToken).ConfigureAwait(false);
        ExecutorResult set = before;
        ExecutorResult read = before;
        if (before.IsOk && !KnobValues.Same(before.Value, intent.From))
        {
            if (!KnobValues.Same(before.Value, expected))
            {
                tick.Actions++;
                await ConflictAsync(tick, intent, "restore", expected, before.Value, before.WrittenBy, cancellationToken).ConfigureAwait(false);
                return;
            }

            _crash.At(CrashPoint.BeforeRollback);
            set = await executor.SetIfAsync(intent.Knob, before.Value, intent.From, cancellationToken).ConfigureAwait(false);
            _crash.At(CrashPoint.AfterRollback);
            if (set.IsConflict)
            {
                tick.Actions++;
                await ConflictAsync(tick, intent, "restore", expected, set.Observed, set.WrittenBy, cancellationToken).ConfigureAwait(false);
                return;
            }

            read = await executor.GetAsync(intent.Knob, cancellationToken).ConfigureAwait(false);
        }

        tick.Actions++;
        if (read.IsOk && KnobValues.Same(read.Value, intent.From))
        {
            var data = new Dictionary<string, object?> { ["id"] = intent.Id, ["knob"] = intent.Knob, ["restored"] = read.Value };
            if (cause != "ttl")
            {
                data["reason"] = cause;
            }

            var kind = cause == "ttl" ? LedgerKinds.AdjustmentExpired : LedgerKinds.AdjustmentRolledBack;
            await AppendAsync(tick, kind, intent.Service, LedgerData.From(data), cancellationToken).ConfigureAwait(false);
            return;
        }

        var attempt = adjustment.RollbackAttempts + 1;
        var next = _ports.Time.GetUtcNow() + Backoff(attempt);
        var reason = !before.IsOk ? $"reading the knob failed: {before.Reason}"
            : !set.IsOk ? set.Reason : !read.IsOk ? $"read back failed: {read.Reason}" : $"read back {read.Value}, expected {intent.From}";
        tick.Problems.Add($"{intent.Id}: restoring {intent.Knob} to {intent.From} failed (attempt {attempt}): {reason}");
        await AppendAsync(tick, LedgerKinds.RollbackFailed, intent.Service, LedgerData.From(new Dictionary<string, object?>
        {
            ["id"] = intent.Id,
            ["knob"] = intent.Knob,
            ["reason"] = reason,
            ["attempt"] = attempt,
            ["next_attempt_at"] = LedgerTime.ToText(next),
            ["cause"] = cause,
        }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>base·2^(attempt−1), at most the configured maximum (base defaults to the interval).</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var initial = _options.RollbackBackoffBase ?? _stage.Policy.Interval;
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ticks = Math.Min(_options.RollbackBackoffMax.Ticks, initial.Ticks * factor);
        return TimeSpan.FromTicks((long)ticks);
    }
}
