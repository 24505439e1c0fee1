using System.Diagnostics;
using System.Globalization;
using Lumen.Adapters.Coordination;
using Lumen.Core.Coordination;
using Lumen.Integration.Tests.TestKit;
using Xunit.Abstractions;

namespace Lumen.Integration.Tests.Coordination;

/// <summary>
/// The scale-out figures of docs/scale-out.md (opt-in: LUMEN_SCALE_FIGURES=1, about a minute on a
/// loaded machine, so not in every `make test`): three replicas' coordinators sharing 300 services
/// through a REAL etcd on loopback (4 s leases, a 1 s tick), in one process so that every tick can
/// be checked at one instant: at every tick no service has two valid holders (a double action would
/// need one), and once shared every service has exactly one; after one replica stops without a word
/// (kill -9) its services are held again within the lease + one tick, with larger tokens; the
/// stopped replica's claims are invalid on its own clock before anyone else holds them (0 writes a
/// fenced replica could make). The figures are printed to the test output. The process-level kill -9
/// and SIGSTOP of three `lumen run` processes is <see cref="ReplicaProcessTests"/> (12 services).
/// </summary>
public sealed class ScaleOutFiguresTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int ServiceCount = 300;
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly IReadOnlyList<string> Services = [.. Enumerable.Range(1, ServiceCount).Select(i => $"svc-{i:D3}")];
    private static readonly IReadOnlySet<string> NoneBusy = new HashSet<string>();
    private EtcdServer _etcd = null!;

    public async Task InitializeAsync() => _etcd = await EtcdServer.StartAsync();

    public async Task DisposeAsync() => await _etcd.DisposeAsync();

    [ScaleFiguresFact]
    public async Task ThreeReplicas_300Services_OneHolderEveryTick_KillNineResumesWithinLeasePlusTick_NoFencedWrite()
    {
        var names = new[] { "a", "b", "c" };
        var coordinators = names.ToDictionary(n => n, n => new EtcdCoordinator(
            new EtcdCoordinatorOptions(_etcd.Url, "/lumen-scale/", "prod", n, Ttl, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(2)), TimeProvider.System));
        var last = names.ToDictionary(n => n, n => Holdings.None(n, "not started"));
        var running = names.ToHashSet(StringComparer.Ordinal);
        var refreshMs = new List<double>();
        var ticks = 0;
        var doubleHeld = 0;
        var uncoveredAfterShare = 0;
        var fencedWritable = 0;
        var shared = false;
        try
        {
            async Task TickAsync()
            {
                var started = Stopwatch.GetTimestamp();
                foreach (var n in names.Where(running.Contains))
                {
                    var one = Stopwatch.GetTimestamp();
                    last[n] = await coordinators[n].RefreshAsync(Services, NoneBusy, CancellationToken.None);
                    refreshMs.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
                }

                ticks++;
                var now = TimeProvider.System.GetUtcNow();
                foreach (var service in Services)
                {
                    var holders = names.Where(n => last[n].Holds(service, now)).ToList();
                    doubleHeld += holders.Count > 1 ? 1 : 0;
                    uncoveredAfterShare += shared && holders.Count == 0 ? 1 : 0;
                    // A stopped replica that still believes it holds a service someone else now holds could write: fenced must be 0.
                    fencedWritable += holders.Any(h => !running.Contains(h)) && names.Any(n => running.Contains(n) && last[n].Held.ContainsKey(service)) ? 1 : 0;
                }

                var rest = Tick - Stopwatch.GetElapsedTime(started);
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest); // the loop's tick interval: pacing, not synchronisation
                }
            }

            var start = Stopwatch.GetTimestamp();
            while (!names.All(n => last[n].Held.Count == ServiceCount / 3 && last[n].LiveReplicas == 3))
            {
                Assert.True(ticks < 60, $"not shared 100/100/100 after {ticks} ticks: {string.Join(", ", names.Select(n => $"{n} {last[n].Held.Count}"))}");
                await TickAsync();
            }

            var convergedAfter = Stopwatch.GetElapsedTime(start);
            shared = true;
            for (var i = 0; i < 4; i++)
            {
                await TickAsync();
            }

            // kill -9 c: it neither renews nor releases.
            var orphans = last["c"].Held;
            var killedAt = Stopwatch.GetTimestamp();
            running.Remove("c");
            shared = false;
            while (last["a"].Held.Count + last["b"].Held.Count < ServiceCount)
            {
                Assert.True(Stopwatch.GetElapsedTime(killedAt) < TimeSpan.FromSeconds(30), "the orphans were not taken over within 30 s");
                await TickAsync();
            }

            var resumedAfter = Stopwatch.GetElapsedTime(killedAt);
            shared = true;
            for (var i = 0; i < 4; i++)
            {
                await TickAsync();
            }

            var largerTokens = orphans.Count(o => (last["a"].TokenOf(o.Key) ?? last["b"].TokenOf(o.Key)) > o.Value);
            foreach (var o in orphans.Take(3))
            {
                output.WriteLine($"{o.Key}: c {o.Value}, a {last["a"].TokenOf(o.Key)}, b {last["b"].TokenOf(o.Key)}");
            }

            refreshMs.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"services {ServiceCount}, replicas 3, lease {Ttl.TotalSeconds:0} s, tick {Tick.TotalMilliseconds:0} ms, ticks {ticks}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"shared 100/100/100 after {convergedAfter.TotalSeconds:0.0} s; refresh of one replica: median {refreshMs[refreshMs.Count / 2]:0} ms, max {refreshMs[^1]:0} ms"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"kill -9 of c ({orphans.Count} services): all held again after {resumedAfter.TotalSeconds:0.00} s (lease + tick = {(Ttl + Tick).TotalSeconds:0.00} s); larger tokens {largerTokens}/{orphans.Count}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"service-ticks with two valid holders: {doubleHeld}; without a holder once shared: {uncoveredAfterShare}; a fenced replica's writable claims held by another: {fencedWritable}"));

            Assert.Equal(0, doubleHeld);
            Assert.Equal(0, uncoveredAfterShare);
            Assert.Equal(0, fencedWritable);
            Assert.Equal(orphans.Count, largerTokens);
            Assert.Equal(ServiceCount, last["a"].Held.Count + last["b"].Held.Count);
            // The lease, plus one tick for the survivors to see it gone, plus one tick's refresh time (a loaded machine).
            Assert.True(resumedAfter <= Ttl + Tick + Tick + TimeSpan.FromMilliseconds(refreshMs[^1]), $"resumed after {resumedAfter}");
        }
        finally
        {
            foreach (var c in coordinators.Values)
            {
                await c.DisposeAsync();
            }
        }
    }
}
