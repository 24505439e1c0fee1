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

    public Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        Releases++;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
