namespace Lumen.Core.Coordination;

/// <summary>
/// Shares the services among the replicas of one stage (docs/scale-out.md). Each tick the loop
/// calls <see cref="RefreshAsync"/> once: the replica renews its lease, gives up what exceeds its
/// fair share and claims free services up to it. The loop acts only on the services in the answer,
/// and before each write asks <see cref="Holdings.Holds"/> again, so a replica whose lease may have
/// lapsed (it was paused, or lost the coordination engine) stops acting before its next write.
/// </summary>
public interface IServiceCoordinator : IAsyncDisposable
{
    /// <summary>The engine (<c>local</c>, <c>etcd</c>).</summary>
    string Kind { get; }

    /// <summary>This replica's name, unique among the live replicas.</summary>
    string ReplicaId { get; }

    /// <summary>
    /// Renews, rebalances and claims. <paramref name="busy"/> are services with open adjustments:
    /// they are never given back in a rebalance (only a lapsed lease loses them). Never throws for an
    /// unreachable engine: the answer then keeps the last claims until their lease could have lapsed,
    /// with the problem named.
    /// </summary>
    Task<Holdings> RefreshAsync(IReadOnlyList<string> services, IReadOnlySet<string> busy, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes what the next holder must know, only while this replica holds the service's claim
    /// (checked by the engine itself); false when it does not, or the engine did not answer.
    /// </summary>
    Task<bool> PublishAsync(ServiceHandover handover, CancellationToken cancellationToken);

    /// <summary>The last hand-over published for <paramref name="service"/>, or null (none, or unreadable).</summary>
    Task<ServiceHandover?> ReadHandoverAsync(string service, CancellationToken cancellationToken);

    /// <summary>Gives every claim back (a clean stop), so the other replicas take the services at once.</summary>
    Task ReleaseAllAsync(CancellationToken cancellationToken);
}
