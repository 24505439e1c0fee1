using System.Collections.Immutable;

namespace Lumen.Core.Coordination;

/// <summary>One process holds every service (<c>coordination: local</c>, the default). Token 0, never expires.</summary>
public sealed class LocalCoordinator(string replicaId) : IServiceCoordinator
{
    public const string KindName = "local";

    public string Kind => KindName;

    public string ReplicaId { get; } = replicaId;

    public Task<Holdings> RefreshAsync(IReadOnlyList<string> services, IReadOnlySet<string> busy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var held = services.Distinct(StringComparer.Ordinal).ToImmutableDictionary(s => s, _ => 0L, StringComparer.Ordinal);
        var holders = held.Keys.ToImmutableDictionary(s => s, _ => ReplicaId, StringComparer.Ordinal);
        return Task.FromResult(new Holdings(ReplicaId, held, holders, 1, DateTimeOffset.MaxValue, null));
    }

    public Task<bool> PublishAsync(ServiceHandover handover, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<ServiceHandover?> ReadHandoverAsync(string service, CancellationToken cancellationToken) => Task.FromResult<ServiceHandover?>(null);

    public Task ReleaseAllAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
