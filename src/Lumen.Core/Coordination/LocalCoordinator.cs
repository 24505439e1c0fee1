using System.Collections.Immutable;

namespace Lumen.Core.Coordination;

/// <summary>One process holds every service (<c>coordination: local</c>, the default). Token 0, never expires.</summary>
public sealed class LocalCoordinator(string replicaId) : IServiceCoordinator
{
    public const string KindName = "local";

    public string Kind => KindName;

    public string ReplicaId { get; } = replicaId;

    // The last holdings and the services they were made for: a loop asks every tick with the same
    // services, and building two immutable dictionaries of every service each time was 4 % of a tick
    // at 10,000 services (docs/benchmarks.md, "The tick at 10,000 services").
    private Refreshed? _last;

    public Task<Holdings> RefreshAsync(IReadOnlyList<string> services, IReadOnlySet<string> busy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (Volatile.Read(ref _last) is { } last && Same(last.Services, services))
        {
            return last.Task;
        }

        var held = services.Distinct(StringComparer.Ordinal).ToImmutableDictionary(s => s, _ => 0L, StringComparer.Ordinal);
        var holders = held.Keys.ToImmutableDictionary(s => s, _ => ReplicaId, StringComparer.Ordinal);
        var refreshed = new Refreshed([.. services], Task.FromResult(new Holdings(ReplicaId, held, holders, 1, DateTimeOffset.MaxValue, null)));
        Volatile.Write(ref _last, refreshed);
        return refreshed.Task;
    }

    private static bool Same(string[] before, IReadOnlyList<string> now)
    {
        if (before.Length != now.Count)
        {
            return false;
        }

        for (var i = 0; i < before.Length; i++)
        {
            if (!string.Equals(before[i], now[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Refreshed(string[] Services, Task<Holdings> Task);

    public Task<bool> PublishAsync(ServiceHandover handover, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<ServiceHandover?> ReadHandoverAsync(string service, CancellationToken cancellationToken) => Task.FromResult<ServiceHandover?>(null);

    public Task ReleaseAllAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
