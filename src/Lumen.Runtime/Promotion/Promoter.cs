using System.Collections.Immutable;
using Lumen.Core.Adjustments;
using Lumen.Core.Approvals;
using Lumen.Runtime.Loop;

namespace Lumen.Runtime.Promotion;

/// <summary>
/// Copies knob values from one track to another through the executors: promotion copies the
/// canary's configuration to the baseline, a canary rollback copies the baseline's to the canary.
/// Both plans are read from the targets (the loop trusts read-back, not what it wrote), so running
/// either twice finds nothing left to change: that is their idempotence. Every write is a
/// compare-and-set, as the loop's are (docs/loop.md): the knob is read first and written only while
/// it still holds the value the plan read (or, for a restore, the value Lumen set); any other value
/// is a <see cref="PromotionConflict"/> and the knob is left alone.
/// </summary>
public static class Promoter
{
    public static async Task<PromotionPlan> PlanAsync(IEnumerable<string> knobs, IExecutor source, IExecutor target, string targetTrack,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knobs);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var changes = ImmutableArray.CreateBuilder<PlannedChange>();
        var unchanged = ImmutableArray.CreateBuilder<string>();
        foreach (var knob in knobs)
        {
            var want = await source.GetAsync(knob, cancellationToken).ConfigureAwait(false);
            var have = await target.GetAsync(knob, cancellationToken).ConfigureAwait(false);
            if (!want.IsOk || !have.IsOk)
            {
                var failed = want.IsOk ? have : want;
                return new PromotionPlan([], [], $"cannot read {knob}: {failed.Reason}");
            }

            if (want.Value.Equals(have.Value))
            {
                unchanged.Add(knob);
            }
            else
            {
                changes.Add(new PlannedChange(knob, targetTrack, have.Value, want.Value));
            }
        }

        return new PromotionPlan(changes.ToImmutable(), unchanged.ToImmutable(), null);
    }

    /// <summary>
    /// Sets each change (compare-and-set against its <c>from</c>) and reads it back. On the first
    /// failure or conflict, the knobs already changed are restored to their <c>from</c> values.
    /// </summary>
    public static async Task<PromotionApplyResult> ApplyAsync(IReadOnlyList<PlannedChange> changes, IExecutor target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(target);
        var readBack = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        var done = new List<PlannedChange>();
        foreach (var change in changes)
        {
            var before = await target.GetAsync(change.Knob, cancellationToken).ConfigureAwait(false);
            if (!before.IsOk || !KnobValues.Same(before.Value, change.From))
            {
                var conflict = before.IsOk ? new PromotionConflict(change.Knob, change.Track, "apply", change.From, before.Value) : null;
                var why = conflict is not null
                    ? $"{change.Knob} holds {before.Value}, not the {change.From} the plan read; left alone (conflict)"
                    : $"{change.Knob}: reading before the change failed: {before.Reason}";
                var undone = await RestoreAsync(done, target, readBack.ToImmutable(), cancellationToken).ConfigureAwait(false);
                return new PromotionApplyResult(false, readBack.ToImmutable(), why, undone.Notes)
                {
                    Conflicts = conflict is null ? undone.Conflicts : undone.Conflicts.Insert(0, conflict),
                };
            }

            var set = await target.SetAsync(change.Knob, change.To, cancellationToken).ConfigureAwait(false);
            var read = set.IsOk ? await target.GetAsync(change.Knob, cancellationToken).ConfigureAwait(false) : set;
            if (!read.IsOk || !read.Value.Equals(change.To))
            {
                done.Add(change);
                var why = read.IsOk ? $"{change.Knob} reads back {read.Value}, not {change.To}" : $"{change.Knob}: {read.Reason}";

                // What the failed write left is what Lumen set: restoring it is not a conflict (unknown when unreadable: restored as before).
                var left = readBack.ToImmutable();
                left = read.IsOk ? left.SetItem(change.Knob, read.Value) : left;
                var undone = await RestoreAsync(done, target, left, cancellationToken, unconditional: read.IsOk ? null : change.Knob).ConfigureAwait(false);
                return new PromotionApplyResult(false, readBack.ToImmutable(), why, undone.Notes) { Conflicts = undone.Conflicts };
            }

            done.Add(change);
            readBack[change.Knob] = read.Value;
        }

        return new PromotionApplyResult(true, readBack.ToImmutable(), null, []);
    }

    /// <summary>
    /// Puts each knob back to its <c>from</c> value (last change first), compare-and-set: only while
    /// it holds what Lumen set (<paramref name="set"/>, else the change's <c>to</c>); a knob already at
    /// <c>from</c> needs no write; any other value is left alone as a conflict.
    /// </summary>
    public static async Task<PromotionRestoreResult> RestoreAsync(IEnumerable<PlannedChange> changes, IExecutor target,
        IReadOnlyDictionary<string, double>? set, CancellationToken cancellationToken, string? unconditional = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(target);
        var notes = ImmutableArray.CreateBuilder<string>();
        var conflicts = ImmutableArray.CreateBuilder<PromotionConflict>();
        foreach (var change in changes.Reverse())
        {
            var expected = set is not null && set.TryGetValue(change.Knob, out var v) ? v : change.To;
            if (change.Knob != unconditional)
            {
                var before = await target.GetAsync(change.Knob, cancellationToken).ConfigureAwait(false);
                if (!before.IsOk)
                {
                    notes.Add($"{change.Knob} NOT restored: reading it failed: {before.Reason}");
                    continue;
                }

                if (KnobValues.Same(before.Value, change.From))
                {
                    notes.Add($"{change.Knob} restored to {change.From}");
                    continue;
                }

                if (!KnobValues.Same(before.Value, expected))
                {
                    conflicts.Add(new PromotionConflict(change.Knob, change.Track, "restore", expected, before.Value));
                    notes.Add($"{change.Knob} NOT restored: holds {before.Value}, not the {expected} Lumen set (conflict)");
                    continue;
                }
            }

            var result = await target.SetAsync(change.Knob, change.From, cancellationToken).ConfigureAwait(false);
            notes.Add(result.IsOk ? $"{change.Knob} restored to {change.From}" : $"{change.Knob} NOT restored: {result.Reason}");
        }

        return new PromotionRestoreResult(notes.ToImmutable(), conflicts.ToImmutable());
    }
}
