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

    public Task<ExecutorResult> SetAsync(string knob, double value, CancellationToken cancellationToken)
    {
        var current = holdings.Current;
        if (!current.Holds(service, time.GetUtcNow()))
        {
            var why = current.Problem ?? "the claim lapsed or moved to another replica";
            return Task.FromResult(ExecutorResult.Failed(NotHeld, transient: true, $"replica {current.ReplicaId} does not hold {service}: {why}"));
        }

        return inner.SetAsync(knob, value, cancellationToken);
    }

    public Task<ExecutorResult> GetAsync(string knob, CancellationToken cancellationToken) => inner.GetAsync(knob, cancellationToken);

    public Task<IReadOnlyDictionary<string, ExecutorResult>> GetAllAsync(IReadOnlyList<string> knobs, CancellationToken cancellationToken) =>
        inner.GetAllAsync(knobs, cancellationToken);
}
