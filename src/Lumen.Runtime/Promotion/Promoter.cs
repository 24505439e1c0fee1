using System.Collections.Immutable;
using Lumen.Core.Adjustments;
using Lumen.Core.Approvals;

namespace Lumen.Runtime.Promotion;

/// <summary>
/// Copies knob values from one track to another through the executors: promotion copies the
/// canary's configuration to the baseline, a canary rollback copies the baseline's to the canary.
/// Both plans are read from the targets (the loop trusts read-back, not what it wrote), so running
/// either twice finds nothing left to change: that is their idempotence.
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

    /// <summary>Sets each change and reads it back. On the first failure, the knobs already changed are restored to their <c>from</c> values.</summary>
    public static async Task<PromotionApplyResult> ApplyAsync(IReadOnlyList<PlannedChange> changes, IExecutor target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(target);
        var readBack = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        var done = new List<PlannedChange>();
        foreach (var change in changes)
        {
            var set = await target.SetAsync(change.Knob, change.To, cancellationToken).ConfigureAwait(false);
            var read = set.IsOk ? await target.GetAsync(change.Knob, cancellationToken).ConfigureAwait(false) : set;
            if (!read.IsOk || !read.Value.Equals(change.To))
            {
                done.Add(change);
                var why = read.IsOk ? $"{change.Knob} reads back {read.Value}, not {change.To}" : $"{change.Knob}: {read.Reason}";
                return new PromotionApplyResult(false, readBack.ToImmutable(), why, await RestoreAsync(done, target, cancellationToken).ConfigureAwait(false));
            }

            done.Add(change);
            readBack[change.Knob] = read.Value;
        }

        return new PromotionApplyResult(true, readBack.ToImmutable(), null, []);
    }

    /// <summary>Puts each knob back to its <c>from</c> value; returns what could not be restored, as text.</summary>
    public static async Task<ImmutableArray<string>> RestoreAsync(IEnumerable<PlannedChange> changes, IExecutor target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(target);
        var notes = ImmutableArray.CreateBuilder<string>();
        foreach (var change in changes.Reverse())
        {
            var result = await target.SetAsync(change.Knob, change.From, cancellationToken).ConfigureAwait(false);
            notes.Add(result.IsOk ? $"{change.Knob} restored to {change.From}" : $"{change.Knob} NOT restored: {result.Reason}");
        }

        return notes.ToImmutable();
    }
}
