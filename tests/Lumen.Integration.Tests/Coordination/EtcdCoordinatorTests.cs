using Lumen.Adapters.Coordination;
using Lumen.Core.Coordination;
using Lumen.Integration.Tests.TestKit;

namespace Lumen.Integration.Tests.Coordination;

/// <summary>
/// Replicas sharing services through a real etcd on loopback (leases of 2 s, the shortest etcd
/// allows with its default timing). Real time passes here: the leases are etcd's.
/// </summary>
public sealed class EtcdCoordinatorTests : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);
    private static readonly IReadOnlySet<string> NoneBusy = new HashSet<string>();
    private static readonly IReadOnlyList<string> Services = [.. Enumerable.Range(1, 30).Select(i => $"svc-{i:D2}")];
    private EtcdServer _etcd = null!;

    public async Task InitializeAsync() => _etcd = await EtcdServer.StartAsync();

    public async Task DisposeAsync() => await _etcd.DisposeAsync();

    [Fact]
    public async Task ThreeReplicas_ShareEveryService_EachWithinItsFairShare()
    {
        await using var replicas = new Fleet(_etcd.Url, "a", "b", "c");

        var last = await replicas.RoundsUntilAsync(h => h.Sum(x => x.Held.Count) == Services.Count && h.All(x => x.LiveReplicas == 3 && x.Held.Count <= 10));

        AssertExclusive(last);
        Assert.Equal(Services, last.SelectMany(h => h.Held.Keys).Order(StringComparer.Ordinal));
        Assert.All(last, h => Assert.Equal(10, h.Held.Count));
    }

    [Fact]
    public async Task ReadFleet_ShowsTheLiveReplicasAndWhoHoldsWhat_WithoutClaiming()
    {
        await using var replicas = new Fleet(_etcd.Url, "a", "b", "c");
        var last = await replicas.RoundsUntilAsync(h => h.Sum(x => x.Held.Count) == Services.Count && h.All(x => x.LiveReplicas == 3));
        await using var observer = new EtcdCoordinator(Options(_etcd.Url, "observer"), TimeProvider.System);

        var view = await observer.ReadFleetAsync(CancellationToken.None);
        var after = await replicas.RefreshAsync("a");

        Assert.Equal(["a", "b", "c"], view.Replicas.ToArray());
        Assert.Equal(last.SelectMany(h => h.Held.Keys.Select(s => (s, h.ReplicaId))).Order(), view.Holders.Select(kv => (kv.Key, kv.Value)).Order());
        Assert.Equal(3, after.LiveReplicas);
    }

    [Fact]
    public async Task KilledReplica_ItsServicesMove_AfterTheLease_AndNeverHaveTwoHolders()
    {
        await using var replicas = new Fleet(_etcd.Url, "a", "b", "c");
        var before = await replicas.RoundsUntilAsync(h => h.Sum(x => x.Held.Count) == Services.Count && h.All(x => x.LiveReplicas == 3));
        var orphans = before[2].Held;
        Assert.NotEmpty(orphans);

        // "c" stops without a word (kill -9): it neither renews nor releases.
        var killedAt = TimeProvider.System.GetUtcNow();
        replicas.Stop("c");
        var after = await replicas.RoundsUntilAsync(h => h[0].Held.Count + h[1].Held.Count == Services.Count);
        var movedAfter = TimeProvider.System.GetUtcNow() - killedAt;

        Assert.True(movedAfter < Ttl + TimeSpan.FromSeconds(2), $"moved after {movedAfter}, beyond the lease and a round");
        foreach (var (service, token) in orphans)
        {
            var taker = after[0].Held.ContainsKey(service) ? after[0] : after[1];
            Assert.True(taker.Held[service] > token, $"{service}: the new claim's token {taker.Held[service]} is not above the old {token}");
        }
    }

    [Fact]
    public async Task PausedReplica_StopsActing_BeforeItsLeaseCouldLapse_AndRejoinsWithNewTokens()
    {
        await using var replicas = new Fleet(_etcd.Url, "a", "b");
        var before = await replicas.RoundsUntilAsync(h => h.Sum(x => x.Held.Count) == Services.Count && h.All(x => x.LiveReplicas == 2));
        var paused = before[1];
        Assert.True(paused.Holds(paused.Held.Keys.First(), TimeProvider.System.GetUtcNow()));

        // "b" is paused (SIGSTOP): "a" takes everything once the lease lapses.
        replicas.Stop("b");
        await replicas.RoundsUntilAsync(h => h[0].Held.Count == Services.Count);

        // Resumed: what "b" held is no longer valid on its own clock, before it asks etcd anything.
        var now = TimeProvider.System.GetUtcNow();
        Assert.All(paused.Held.Keys, s => Assert.False(paused.Holds(s, now), $"{s} still held by the paused replica"));
        var resumed = await replicas.RefreshAsync("b");
        Assert.Empty(resumed.Held);
        Assert.Contains("lapsed", resumed.Problem, StringComparison.Ordinal);

        replicas.Resume("b");
        var rebalanced = await replicas.RoundsUntilAsync(h => h[1].Held.Count == 15 && h[0].Held.Count == 15);
        AssertExclusive(rebalanced);
        Assert.All(rebalanced[1].Held, kv => Assert.True(!paused.Held.TryGetValue(kv.Key, out var old) || kv.Value > old));
    }

    [Fact]
    public async Task ReleasedReplica_HandsOver_WithoutWaitingForTheLease()
    {
        await using var replicas = new Fleet(_etcd.Url, "a", "b");
        await replicas.RoundsUntilAsync(h => h.Sum(x => x.Held.Count) == Services.Count && h.All(x => x.LiveReplicas == 2));

        var releasedAt = TimeProvider.System.GetUtcNow();
        await replicas.ReleaseAsync("b");
        var after = await replicas.RoundsUntilAsync(h => h[0].Held.Count == Services.Count);

        Assert.True(TimeProvider.System.GetUtcNow() - releasedAt < Ttl, "a clean stop should not wait for the lease");
        Assert.Equal(1, after[0].LiveReplicas);
    }

    [Fact]
    public async Task BusyServices_AreNotGivenBack_WhenAReplicaJoins()
    {
        await using var replicas = new Fleet(_etcd.Url, "a");
        var alone = await replicas.RoundsUntilAsync(h => h[0].Held.Count == Services.Count);
        var busy = alone[0].Held.Keys.Take(20).ToHashSet(StringComparer.Ordinal);
        replicas.MarkBusy("a", busy);

        replicas.Join("b");
        var shared = await replicas.RoundsUntilAsync(h => h[0].LiveReplicas == 2 && h[1].Held.Count > 0 && h.Sum(x => x.Held.Count) == Services.Count);

        Assert.All(busy, s => Assert.True(shared[0].Held.ContainsKey(s), $"{s} had open adjustments and was given back"));
        AssertExclusive(shared);
    }

    [Fact]
    public async Task HandOver_IsWrittenOnlyUnderTheClaim_AndReadByTheNextHolder()
    {
        await using var replicas = new Fleet(_etcd.Url, "a", "b");
        var held = await replicas.RoundsUntilAsync(h => h.Sum(x => x.Held.Count) == Services.Count && h.All(x => x.LiveReplicas == 2));
        var service = held[0].Held.Keys.First();
        var handover = new ServiceHandover(service, "a", held[0].Held[service],
            [new HandedAdjustment("adj-000001", "cache_size_mb", "canary", 512, 640, DateTimeOffset.UnixEpoch.AddDays(20_000))],
            System.Collections.Immutable.ImmutableSortedDictionary<string, double>.Empty.Add("timeout_ms", 1500));

        Assert.True(await replicas.Coordinator("a").PublishAsync(handover, CancellationToken.None));
        Assert.False(await replicas.Coordinator("b").PublishAsync(handover with { Replica = "b" }, CancellationToken.None));

        replicas.Stop("a");
        await replicas.RoundsUntilAsync(h => h[1].Held.ContainsKey(service));
        var read = await replicas.Coordinator("b").ReadHandoverAsync(service, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal("a", read.Replica);
        Assert.Equal(handover.Open.ToArray(), read.Open.ToArray());
        Assert.Equal(1500, read.Kept["timeout_ms"]);
        // The paused "a" resumes and tries to publish again: its lease is gone, etcd refuses.
        Assert.False(await replicas.Coordinator("a").PublishAsync(handover, CancellationToken.None));
    }

    [Fact]
    public async Task UnreachableEtcd_KeepsClaimsOnlyUntilTheyCouldLapse_AndSaysWhy()
    {
        var options = Options(new Uri("http://127.0.0.1:1"), "solo");
        await using var coordinator = new EtcdCoordinator(options, TimeProvider.System);

        var holdings = await coordinator.RefreshAsync(Services, NoneBusy, CancellationToken.None);

        Assert.Empty(holdings.Held);
        Assert.Contains("did not answer", holdings.Problem, StringComparison.Ordinal);
        Assert.False(holdings.Holds(Services[0], TimeProvider.System.GetUtcNow()));
    }

    private static void AssertExclusive(IReadOnlyList<Holdings> holdings)
    {
        var now = TimeProvider.System.GetUtcNow();
        foreach (var service in Services)
        {
            var holders = holdings.Where(h => h.Holds(service, now)).Select(h => h.ReplicaId).ToList();
            Assert.True(holders.Count <= 1, $"{service} held by {string.Join(", ", holders)}");
        }
    }

    private static EtcdCoordinatorOptions Options(Uri url, string replica) =>
        new(url, "/lumen-test/", "dev", replica, Ttl, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2));

    /// <summary>Replicas refreshed in rounds, in order, as their loops would tick.</summary>
    private sealed class Fleet(Uri url, params string[] names) : IAsyncDisposable
    {
        private readonly List<Replica> _replicas = [.. names.Select(n => new Replica(new EtcdCoordinator(Options(url, n), TimeProvider.System)))];

        public void Stop(string name) => Find(name).Running = false;

        public EtcdCoordinator Coordinator(string name) => Find(name).Coordinator;

        public void Resume(string name) => Find(name).Running = true;

        public void Join(string name) => _replicas.Add(new Replica(new EtcdCoordinator(Options(url, name), TimeProvider.System)));

        public void MarkBusy(string name, IReadOnlySet<string> busy) => Find(name).Busy = busy;

        public async Task ReleaseAsync(string name)
        {
            var replica = Find(name);
            await replica.Coordinator.ReleaseAllAsync(CancellationToken.None);
            replica.Running = false;
            replica.Last = null;
        }

        public async Task<Holdings> RefreshAsync(string name)
        {
            var replica = Find(name);
            return await replica.Coordinator.RefreshAsync(Services, replica.Busy, CancellationToken.None);
        }

        /// <summary>
        /// Refreshes every running replica in turn until <paramref name="done"/> holds for the latest
        /// holdings (indexed in the order the replicas were named); after every round checks that no
        /// service has two valid holders, counting a stopped replica's last holdings.
        /// </summary>
        public async Task<IReadOnlyList<Holdings>> RoundsUntilAsync(Func<IReadOnlyList<Holdings>, bool> done)
        {
            return await Poll.UntilAsync(
                async () =>
                {
                    foreach (var replica in _replicas.Where(r => r.Running))
                    {
                        replica.Last = await replica.Coordinator.RefreshAsync(Services, replica.Busy, CancellationToken.None);
                    }

                    var all = _replicas.Select(r => r.Last ?? Holdings.None(r.Coordinator.ReplicaId, "stopped")).ToList();
                    AssertExclusive(all);
                    return (IReadOnlyList<Holdings>)all;
                },
                done, "the replicas' holdings", attempts: 100, delayMs: 100);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var replica in _replicas)
            {
                await replica.Coordinator.DisposeAsync();
            }
        }

        private Replica Find(string name) => _replicas.Single(r => r.Coordinator.ReplicaId == name);
    }

    private sealed class Replica(EtcdCoordinator coordinator)
    {
        public EtcdCoordinator Coordinator { get; } = coordinator;

        public bool Running { get; set; } = true;

        public IReadOnlySet<string> Busy { get; set; } = NoneBusy;

        public Holdings? Last { get; set; }
    }
}
