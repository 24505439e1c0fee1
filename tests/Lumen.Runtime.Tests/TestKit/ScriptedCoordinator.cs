using System.Collections.Immutable;
using Lumen.Core.Coordination;

namespace Lumen.Runtime.Tests.TestKit;

/// <summary>A coordinator whose answer the test sets (the engine itself is tested against a real etcd in the integration tests).</summary>
internal sealed class ScriptedCoordinator(TimeProvider time) : IServiceCoordinator
{
    public string Kind => "scripted";

    public string ReplicaId => "replica-1";

    /// <summary>Service → token held from the next refresh on.</summary>
    public Dictionary<string, long> Held { get; } = new(StringComparer.Ordinal);

    public string? Problem { get; set; }

    public TimeSpan Validity { get; set; } = TimeSpan.FromMinutes(1);

    public List<IReadOnlySet<string>> BusySeen { get; } = [];

    public int Releases { get; private set; }

    public Task<Holdings> RefreshAsync(IReadOnlyList<string> services, IReadOnlySet<string> busy, CancellationToken cancellationToken)
    {
        BusySeen.Add(busy);
        var held = Held.ToImmutableDictionary(StringComparer.Ordinal);
        return Task.FromResult(new Holdings(ReplicaId, held, held.ToImmutableDictionary(kv => kv.Key, _ => ReplicaId, StringComparer.Ordinal),
            1, time.GetUtcNow() + Validity, Problem));
    }

    /// <summary>The hand-over each service's previous holder left (what <see cref="ReadHandoverAsync"/> answers).</summary>
    public Dictionary<string, ServiceHandover> Handovers { get; } = new(StringComparer.Ordinal);

    /// <summary>Every hand-over this replica published, in order.</summary>
    public List<ServiceHandover> Published { get; } = [];

    /// <summary>When false, publishing fails (the claim is gone on the engine's side).</summary>
    public bool CanPublish { get; set; } = true;

    public Task<bool> PublishAsync(ServiceHandover handover, CancellationToken cancellationToken)
    {
        if (CanPublish)
        {
            Published.Add(handover);
            Handovers[handover.Service] = handover;
        }

        return Task.FromResult(CanPublish);
    }

    public Task<ServiceHandover?> ReadHandoverAsync(string service, CancellationToken cancellationToken) =>
        Task.FromResult(Handovers.GetValueOrDefault(service));

    public Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        Releases++;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
