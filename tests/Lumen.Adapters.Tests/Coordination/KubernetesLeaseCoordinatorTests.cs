using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Lumen.Adapters.Coordination;
using Lumen.Adapters.Executors.Kubernetes;
using Lumen.Adapters.Tests.TestKit;
using Lumen.Core.Coordination;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Adapters.Tests.Coordination;

/// <summary>
/// Replicas sharing services through Kubernetes Leases, against a FAKE API server
/// (<see cref="FakeKubernetesApi"/>: real HTTP on 127.0.0.1, Lease LIST/GET/POST/PUT with 409 on a
/// stale resourceVersion), because no Kubernetes API server can run on this machine; the opt-in
/// <see cref="KubernetesLeaseClusterTests"/> runs against a real one. A Lease's expiry is judged by
/// each replica's own clock (how long it has seen the same resourceVersion), so the replicas here
/// share one manual clock, advanced one tick (1 s) per round: no real waiting.
/// </summary>
public sealed class KubernetesLeaseCoordinatorTests : IAsyncLifetime
{
    private const string Ns = "lumen";
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly IReadOnlySet<string> NoneBusy = new HashSet<string>();
    private static readonly IReadOnlyList<string> Services = [.. Enumerable.Range(1, 30).Select(i => $"svc-{i:D2}")];
    private FakeKubernetesApi _api = null!;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync() => _api = await FakeKubernetesApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task ThreeReplicas_ShareEveryService_EachWithinItsFairShare()
    {
        await using var fleet = new Fleet(this, "a", "b", "c");

        var last = await fleet.RoundsUntilAsync(h => h.Sum(x => x.Held.Count) == Services.Count && h.All(x => x.LiveReplicas == 3 && x.Held.Count <= 10));

        Assert.Equal(Services, last.SelectMany(h => h.Held.Keys).Order(StringComparer.Ordinal));
        Assert.All(last, h => Assert.Equal(10, h.Held.Count));
        // The last to refresh sees the whole fleet: who holds what.
        Assert.Equal(last.SelectMany(h => h.Held.Keys.Select(s => (s, h.ReplicaId))).Order(), last[2].Holders.Select(kv => (kv.Key, kv.Value)).Order());
    }

    [Fact]
    public async Task ClaimLeases_AreCoordinationLeases_WithHolderDurationRenewTimeAndLabels()
    {
        await using var fleet = new Fleet(this, "a");
        await fleet.RoundsUntilAsync(h => h[0].Held.Count == Services.Count);

        var leases = _api.All(FakeKubernetesApi.LeasesPath(Ns) + "/");
        var claim = leases.Single(l => l["metadata"]!["name"]!.GetValue<string>() == "lumen-dev-svc-svc-01");
        var member = leases.Single(l => l["metadata"]!["name"]!.GetValue<string>() == "lumen-dev-member-a");

        Assert.Equal(Services.Count + 1, leases.Count);
        Assert.Equal("coordination.k8s.io/v1", claim["apiVersion"]!.GetValue<string>());
        Assert.Equal("Lease", claim["kind"]!.GetValue<string>());
        Assert.Equal("a", claim["spec"]!["holderIdentity"]!.GetValue<string>());
        Assert.Equal(3, claim["spec"]!["leaseDurationSeconds"]!.GetValue<int>());
        Assert.Equal(1, claim["spec"]!["leaseTransitions"]!.GetValue<int>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", claim["spec"]!["renewTime"]!.GetValue<string>());
        Assert.Equal("svc-01", claim["metadata"]!["annotations"]!["lumen.dev/service"]!.GetValue<string>());
        Assert.Equal("dev", claim["metadata"]!["labels"]!["lumen.dev/stage"]!.GetValue<string>());
        Assert.Equal("claim", claim["metadata"]!["labels"]!["lumen.dev/role"]!.GetValue<string>());
        Assert.Equal("member", member["metadata"]!["labels"]!["lumen.dev/role"]!.GetValue<string>());
        // Every write is a compare-and-set: PUTs carry the resourceVersion that was read.
        Assert.All(_api.Requests.Where(r => r.Method == "PUT"), r => Assert.Contains("\"resourceVersion\":\"", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KilledReplica_ItsServicesMove_WithinTheLeaseAndOneTick_WithLargerTokens()
    {
        await using var fleet = new Fleet(this, "a", "b", "c");
        var before = await fleet.RoundsUntilAsync(h => h.Sum(x => x.Held.Count) == Services.Count && h.All(x => x.LiveReplicas == 3));
        var orphans = before[2].Held;
        Assert.NotEmpty(orphans);

        // "c" stops without a word (kill -9): it neither renews nor releases.
        var killedAt = _clock.GetUtcNow();
        fleet.Stop("c");
        var after = await fleet.RoundsUntilAsync(h => h[0].Held.Count + h[1].Held.Count == Services.Count);
        var movedAfter = _clock.GetUtcNow() - killedAt;

        Assert.True(movedAfter <= Ttl + Tick, $"moved after {movedAfter}, beyond the lease and a tick");
        Assert.True(movedAfter >= Ttl, $"moved after {movedAfter}, before the lease could have lapsed");
        Assert.All(after.Take(2), h => Assert.Equal(2, h.LiveReplicas));
        foreach (var (service, token) in orphans)
        {
            var taker = after[0].Held.ContainsKey(service) ? after[0] : after[1];
            Assert.True(taker.Held[service] > token, $"{service}: the new claim's token {taker.Held[service]} is not above the old {token}");
        }
    }

    [Fact]
    public async Task ReadFleet_ShowsTheLiveReplicasAndWhoHoldsWhat_WithoutClaiming()
    {
        await using var fleet = new Fleet(this, "a", "b");
        var last = await fleet.RoundsUntilAsync(h => h.Sum(x => x.Held.Count) == Services.Count && h.All(x => x.LiveReplicas == 2));
        var puts = _api.Requests.Count(r => r.Method is "PUT" or "POST");
        var connection = new KubernetesConnection(_api.Url, new SocketsHttpHandler(), () => null, Ns, "test");
        await using var reader = new KubernetesLeaseCoordinator(Options("observer"), connection, TimeSpan.FromSeconds(2), _clock);

        var view = await reader.ReadFleetAsync(CancellationToken.None);

        Assert.Equal(["a", "b"], view.Replicas.ToArray());
        Assert.Equal(last.SelectMany(h => h.Held.Keys.Select(s => (s, h.ReplicaId))).Order(), view.Holders.Select(kv => (kv.Key, kv.Value)).Order());
        Assert.Equal(puts, _api.Requests.Count(r => r.Method is "PUT" or "POST"));
    }

    [Fact]
    public async Task ClaimChangedBySomeoneElse_IsLostOnTheNextRenewal_409()
    {
        await using var fleet = new Fleet(this, "a");
        var held = await fleet.RoundsUntilAsync(h => h[0].Held.Count == Services.Count);
        var path = FakeKubernetesApi.LeasesPath(Ns) + "/lumen-dev-svc-svc-07";
        Assert.True(held[0].Holds("svc-07", _clock.GetUtcNow()));

        // Someone else (kubectl, another controller) takes the Lease: a new resourceVersion.
        _api.Mutate(path, lease => lease["spec"]!["holderIdentity"] = "intruder");
        var after = await fleet.RefreshAsync("a");

        Assert.False(after.Holds("svc-07", _clock.GetUtcNow()));
        Assert.Equal("intruder", after.Holders["svc-07"]);
        Assert.Equal(Services.Count - 1, after.Held.Count);
        Assert.Contains(_api.Requests, r => r.Method == "PUT" && r.Path == path);
        Assert.Equal("intruder", _api.Get(path)["spec"]!["holderIdentity"]!.GetValue<string>());
    }

    [Fact]
    public async Task TwoReplicasRacingForOneFreeLease_OnlyOneWins()
    {
        await using var fleet = new Fleet(this, "a", "b");
        var shared = await fleet.RoundsUntilAsync(h => h.Sum(x => x.Held.Count) == Services.Count && h.All(x => x.LiveReplicas == 2));
        var service = shared[0].Held.Keys.First();
        var path = FakeKubernetesApi.LeasesPath(Ns) + "/" + LeaseNames.Name("lumen", "dev", "svc", service);
        var lease = _api.Get(path);

        // Both try to acquire the same version of the Lease; the API server accepts the first PUT only.
        var first = await Put(path, Acquire(lease, "b"));
        var second = await Put(path, Acquire(lease, "c"));

        Assert.Equal(200, first);
        Assert.Equal(409, second);
    }

    [Fact]
    public async Task PausedReplica_StopsActing_BeforeItsLeaseCouldLapse_AndLosesWhatWasTaken()
    {
        await using var fleet = new Fleet(this, "a", "b");
        var before = await fleet.RoundsUntilAsync(h => h.Sum(x => x.Held.Count) == Services.Count && h.All(x => x.LiveReplicas == 2));
        var paused = before[1];

        // "b" is paused (SIGSTOP): "a" takes everything once the Leases are unchanged for their duration.
        fleet.Stop("b");
        await fleet.RoundsUntilAsync(h => h[0].Held.Count == Services.Count);

        // Resumed: what "b" held is no longer valid on its own clock, before it asks the API anything.
        var now = _clock.GetUtcNow();
        Assert.All(paused.Held.Keys, s => Assert.False(paused.Holds(s, now), $"{s} still held by the paused replica"));
        var resumed = await fleet.RefreshAsync("b");
        Assert.All(paused.Held.Keys, s => Assert.False(resumed.Held.ContainsKey(s), $"{s}: the resumed replica kept a claim that was taken"));

        fleet.Resume("b");
        var rebalanced = await fleet.RoundsUntilAsync(h => h[1].Held.Count == 15 && h[0].Held.Count == 15);
        Assert.All(rebalanced[1].Held, kv => Assert.True(!paused.Held.TryGetValue(kv.Key, out var old) || kv.Value > old));
    }

    [Fact]
    public async Task ReleasedReplica_HandsOver_WithoutWaitingForTheLease()
    {
        await using var fleet = new Fleet(this, "a", "b");
        await fleet.RoundsUntilAsync(h => h.Sum(x => x.Held.Count) == Services.Count && h.All(x => x.LiveReplicas == 2));

        var releasedAt = _clock.GetUtcNow();
        await fleet.ReleaseAsync("b");
        var after = await fleet.RoundsUntilAsync(h => h[0].Held.Count == Services.Count);

        Assert.True(_clock.GetUtcNow() - releasedAt < Ttl, "a clean stop should not wait for the lease");
        Assert.Equal(1, after[0].LiveReplicas);
    }

    [Fact]
    public async Task BusyServices_AreNotGivenBack_WhenAReplicaJoins()
    {
        await using var fleet = new Fleet(this, "a");
        var alone = await fleet.RoundsUntilAsync(h => h[0].Held.Count == Services.Count);
        var busy = alone[0].Held.Keys.Take(20).ToHashSet(StringComparer.Ordinal);
        fleet.MarkBusy("a", busy);

        fleet.Join("b");
        var shared = await fleet.RoundsUntilAsync(h => h[0].LiveReplicas == 2 && h[1].Held.Count > 0 && h.Sum(x => x.Held.Count) == Services.Count);

        Assert.All(busy, s => Assert.True(shared[0].Held.ContainsKey(s), $"{s} had open adjustments and was given back"));
    }

    [Fact]
    public async Task HandOver_IsWrittenOnlyUnderTheClaim_AndReadByTheNextHolder()
    {
        await using var fleet = new Fleet(this, "a", "b");
        var held = await fleet.RoundsUntilAsync(h => h.Sum(x => x.Held.Count) == Services.Count && h.All(x => x.LiveReplicas == 2));
        var service = held[0].Held.Keys.First();
        var handover = new ServiceHandover(service, "a", held[0].Held[service],
            [new HandedAdjustment("adj-000001", "cache_size_mb", "canary", 512, 640, DateTimeOffset.UnixEpoch.AddDays(20_000))],
            ImmutableSortedDictionary<string, double>.Empty.Add("timeout_ms", 1500));

        Assert.True(await fleet.Coordinator("a").PublishAsync(handover, CancellationToken.None));
        Assert.False(await fleet.Coordinator("b").PublishAsync(handover with { Replica = "b" }, CancellationToken.None));

        fleet.Stop("a");
        await fleet.RoundsUntilAsync(h => h[1].Held.ContainsKey(service));
        var read = await fleet.Coordinator("b").ReadHandoverAsync(service, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal("a", read.Replica);
        Assert.Equal(handover.Open.ToArray(), read.Open.ToArray());
        Assert.Equal(1500, read.Kept["timeout_ms"]);
        // The paused "a" resumes and tries to publish again: its resourceVersion is stale, the API refuses (409).
        Assert.False(await fleet.Coordinator("a").PublishAsync(handover, CancellationToken.None));
    }

    [Fact]
    public async Task UnreachableApi_HoldsNothing_AndSaysWhy()
    {
        var connection = new KubernetesConnection(new Uri("http://127.0.0.1:1/"), new SocketsHttpHandler(), () => null, Ns, "test");
        await using var coordinator = new KubernetesLeaseCoordinator(Options("solo"), connection, TimeSpan.FromSeconds(2), _clock);

        var holdings = await coordinator.RefreshAsync(Services, NoneBusy, CancellationToken.None);

        Assert.Empty(holdings.Held);
        Assert.Contains("did not answer", holdings.Problem, StringComparison.Ordinal);
        Assert.False(holdings.Holds(Services[0], _clock.GetUtcNow()));
    }

    [Fact]
    public async Task Unauthorized_IsNamedAsTheProblem_WithoutTheToken()
    {
        _api.Token = "right";
        var connection = new KubernetesConnection(_api.Url, new SocketsHttpHandler(), () => "wrong", Ns, "test");
        await using var coordinator = new KubernetesLeaseCoordinator(Options("solo"), connection, TimeSpan.FromSeconds(2), _clock);

        var holdings = await coordinator.RefreshAsync(Services, NoneBusy, CancellationToken.None);

        Assert.Empty(holdings.Held);
        Assert.Contains("401", holdings.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", holdings.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("checkout", "lumen-dev-svc-checkout")]
    [InlineData("Checkout_API", "lumen-dev-svc-checkout-api-")]
    public void LeaseNames_AreDnsSubdomains_AndFoldedNamesGetAHash(string service, string expectedStart)
    {
        var name = LeaseNames.Name("lumen", "dev", "svc", service);

        Assert.StartsWith(expectedStart, name, StringComparison.Ordinal);
        Assert.Matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", name);
        Assert.NotEqual(name, LeaseNames.Name("lumen", "dev", "svc", service.ToUpperInvariant() + "x"));
        Assert.True(LeaseNames.Name("lumen", "dev", "svc", new string('s', 400)).Length <= 253);
    }

    private static KubernetesLeaseCoordinatorOptions Options(string replica) =>
        new(Ns, "lumen", "dev", replica, Ttl, TimeSpan.FromMilliseconds(500));

    private static JsonObject Acquire(JsonObject lease, string holder)
    {
        var copy = lease.DeepClone().AsObject();
        copy["spec"]!["holderIdentity"] = holder;
        return copy;
    }

    private async Task<int> Put(string path, JsonObject body)
    {
        using var http = new HttpClient();
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri(_api.Url, path.TrimStart('/')), content);
        return (int)response.StatusCode;
    }

    private static void AssertExclusive(IReadOnlyList<Holdings> holdings, DateTimeOffset now)
    {
        foreach (var service in Services)
        {
            var holders = holdings.Where(h => h.Holds(service, now)).Select(h => h.ReplicaId).ToList();
            Assert.True(holders.Count <= 1, $"{service} held by {string.Join(", ", holders)}");
        }
    }

    /// <summary>
    /// Replicas refreshed in rounds, in order, as their loops would tick; the shared clock advances one
    /// tick after every round. After every round: no service has two valid holders, counting a stopped
    /// replica's last holdings.
    /// </summary>
    private sealed class Fleet : IAsyncDisposable
    {
        private readonly KubernetesLeaseCoordinatorTests _test;
        private readonly List<Replica> _replicas = [];

        public Fleet(KubernetesLeaseCoordinatorTests test, params string[] names)
        {
            _test = test;
            foreach (var name in names)
            {
                Join(name);
            }
        }

        public void Join(string name) => _replicas.Add(new Replica(new KubernetesLeaseCoordinator(Options(name),
            new KubernetesConnection(_test._api.Url, new SocketsHttpHandler(), () => null, Ns, "test"), TimeSpan.FromSeconds(5), _test._clock)));

        public void Stop(string name) => Find(name).Running = false;

        public void Resume(string name) => Find(name).Running = true;

        public KubernetesLeaseCoordinator Coordinator(string name) => Find(name).Coordinator;

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

        public async Task<IReadOnlyList<Holdings>> RoundsUntilAsync(Func<IReadOnlyList<Holdings>, bool> done, int maxRounds = 30)
        {
            for (var round = 0; round < maxRounds; round++)
            {
                foreach (var replica in _replicas.Where(r => r.Running))
                {
                    replica.Last = await replica.Coordinator.RefreshAsync(Services, replica.Busy, CancellationToken.None);
                }

                var all = _replicas.Select(r => r.Last ?? Holdings.None(r.Coordinator.ReplicaId, "stopped")).ToList();
                AssertExclusive(all, _test._clock.GetUtcNow());
                if (done(all))
                {
                    return all;
                }

                _test._clock.Advance(Tick);
            }

            throw new Xunit.Sdk.XunitException($"the replicas' holdings did not converge in {maxRounds} rounds");
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

    private sealed class Replica(KubernetesLeaseCoordinator coordinator)
    {
        public KubernetesLeaseCoordinator Coordinator { get; } = coordinator;

        public bool Running { get; set; } = true;

        public IReadOnlySet<string> Busy { get; set; } = NoneBusy;

        public Holdings? Last { get; set; }
    }
}
