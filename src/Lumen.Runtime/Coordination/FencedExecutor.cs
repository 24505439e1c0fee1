using Lumen.Core.Adjustments;

namespace Lumen.Runtime.Coordination;

/// <summary>
/// An executor that writes only while this replica holds the service's claim (docs/scale-out.md):
/// every set is checked against the latest holdings on this replica's clock, so a replica that was
/// paused past its lease, or cut off from the coordination engine, refuses its next write instead
/// of racing the replica that took the service over. Reads pass through.
/// </summary>
internal sealed class FencedExecutor(IExecutor inner, string service, HoldingsCell holdings, TimeProvider time) : IExecutor
{
    public const string NotHeld = "not_held";

    public string Kind => inner.Kind;

    public IExecutor Inner => inner;

    public async Task<ExecutorResult> SetAsync(string knob, double value, CancellationToken cancellationToken) =>
        await RefusalAsync(cancellationToken).ConfigureAwait(false)
        ?? await inner.SetAsync(knob, value, cancellationToken).ConfigureAwait(false);

    public async Task<ExecutorResult> SetIfAsync(string knob, double expected, double value, CancellationToken cancellationToken) =>
        await RefusalAsync(cancellationToken).ConfigureAwait(false)
        ?? await inner.SetIfAsync(knob, expected, value, cancellationToken).ConfigureAwait(false);

    /// <summary>Why this replica may not write now, or null when it holds the service (and published the hand-over).</summary>
    private async Task<ExecutorResult?> RefusalAsync(CancellationToken cancellationToken)
    {
        var current = holdings.Current;
        if (!current.Holds(service, time.GetUtcNow()))
        {
            var why = current.Problem ?? "the claim lapsed or moved to another replica";
            return ExecutorResult.Failed(NotHeld, transient: true, $"replica {current.ReplicaId} does not hold {service}: {why}");
        }

        // The hand-over goes first, under the claim: whoever holds the service next knows this write.
        if (holdings.BeforeWrite is { } publish && !await publish(service, cancellationToken).ConfigureAwait(false))
        {
            return ExecutorResult.Failed(NotHeld, transient: true,
                $"replica {current.ReplicaId} could not publish the hand-over of {service} under its claim; not writing");
        }

        // Checked again: publishing took time, and the claim must still be valid when the write starts.
        if (!holdings.Current.Holds(service, time.GetUtcNow()))
        {
            return ExecutorResult.Failed(NotHeld, transient: true, $"replica {current.ReplicaId} no longer holds {service}");
        }

        return null;
    }

    public Task<ExecutorResult> GetAsync(string knob, CancellationToken cancellationToken) => inner.GetAsync(knob, cancellationToken);

    public Task<IReadOnlyDictionary<string, ExecutorResult>> GetAllAsync(IReadOnlyList<string> knobs, CancellationToken cancellationToken) =>
        inner.GetAllAsync(knobs, cancellationToken);
}
