using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Lumen.Integration.Tests.TestKit;

namespace Lumen.Integration.Tests.Coordination;

/// <summary>
/// Three `lumen run` processes (their own state directories) sharing 12 services through a real
/// etcd on loopback, with a 1 s interval and a 2 s lease. Each service's canary is a file target; Prometheus is deliberately unreachable:
/// the loops act on nothing, but every held service still gets an <c>observation</c> each tick, so
/// the ledgers show who held what and when. Real time passes: the leases are etcd's.
/// </summary>
public sealed class ReplicaProcessTests : IAsyncLifetime
{
    private const int Services = 12;
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private EtcdServer _etcd = null!;
    private string _root = null!;

    public async Task InitializeAsync()
    {
        _etcd = await EtcdServer.StartAsync();
        _root = Directory.CreateTempSubdirectory("lumen-replicas-").FullName;
        WriteConfig(Path.Combine(_root, "config"), _etcd.Url);
    }

    public async Task DisposeAsync()
    {
        await _etcd.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task KillNine_AndSigstop_ServicesMoveWithinTheLease_AndNoServiceHasTwoHoldersAtOnce()
    {
        Assert.True(OperatingSystem.IsLinux(), "signals need Linux");
        using var a = Start("a");
        using var b = Start("b");
        using var c = Start("c");
        var all = new[] { ("a", a), ("b", b), ("c", c) };

        var shared = await UntilHeldAsync(all, h => h.Count == 3 && h.Values.All(s => s.Count == 4) && h.Values.Sum(s => s.Count) == Services);

        // kill -9 c: its four services must be held by a or b within the lease and a tick.
        var orphans = shared["c"];
        var killedAt = DateTimeOffset.UtcNow;
        Assert.Equal(0, Kill(c.Id, 9));
        var afterKill = await UntilHeldAsync([("a", a), ("b", b)], h => h.Values.Sum(s => s.Count) == Services);
        var takenAt = orphans.Select(s => GainedAt(Ledger("a"), s) ?? GainedAt(Ledger("b"), s)!.Value).Max();
        var takeover = takenAt - killedAt;
        Assert.True(takeover <= Ttl + Interval + TimeSpan.FromSeconds(2), $"took {takeover.TotalSeconds:F1} s");

        // SIGSTOP b past its lease: a takes everything; b, resumed, gives up before writing anything for those services.
        var bHeld = afterKill["b"];
        Assert.Equal(0, Kill(b.Id, 19));
        await UntilHeldAsync([("a", a)], h => h["a"].Count == Services);
        var resumedAt = DateTimeOffset.UtcNow;
        Assert.Equal(0, Kill(b.Id, 18));
        await UntilHeldAsync([("a", a), ("b", b)], h => h["b"].Count == Services / 2 && h["a"].Count == Services / 2);

        foreach (var (name, process) in new[] { ("a", a), ("b", b) })
        {
            Assert.Equal(0, Kill(process.Id, 15));
            Assert.Equal(0, await process.WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.True(LedgerFileVerifier.Verify(Ledger(name), null, null).IsValid, process.Output);
        }

        AssertClaimsFollowOneAnother(["a", "b", "c"]);
        await AssertFleetReportAsync(orphans);
        // Resumed, b finished the tick it was in (its records), but changed nothing on its way out.
        var bAfterResume = Entries(Ledger("b")).Where(e => e.Ts >= resumedAt).ToList();
        var firstChange = bAfterResume.First(e => e.Kind == LedgerKinds.CoordinationChanged);
        Assert.All(bAfterResume.TakeWhile(e => e != firstChange),
            e => Assert.False(e.Kind.StartsWith("adjustment.", StringComparison.Ordinal) && bHeld.Contains(e.Service!), $"b changed {e.Service} after resuming"));
        Assert.All(Enumerable.Range(1, Services), i => Assert.Equal("concurrency_limit: 32\n",
            File.ReadAllText(Path.Combine(_root, "config", $"svc-{i:D2}.yaml"))));
    }

    /// <summary>
    /// Per service, every claim any replica ledgered (its fencing token and when it was gained): a
    /// later claim always has a larger token, and every observation a replica made was made while it
    /// had ledgered the claim as its own.
    /// </summary>
    private void AssertClaimsFollowOneAnother(string[] replicas)
    {
        var claims = new List<(string Service, long Token, DateTimeOffset Ts, string Replica)>();
        var observed = 0;
        foreach (var replica in replicas)
        {
            var tokens = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var e in Entries(Ledger(replica)))
            {
                if (e.Kind == LedgerKinds.CoordinationChanged)
                {
                    foreach (var g in e.Data.GetProperty("gained").EnumerateArray())
                    {
                        var service = g.GetProperty("service").GetString()!;
                        tokens[service] = g.GetProperty("token").GetInt64();
                        claims.Add((service, tokens[service], e.Ts, replica));
                    }

                    foreach (var l in e.Data.GetProperty("lost").EnumerateArray())
                    {
                        tokens.Remove(l.GetString()!);
                    }
                }
                else if (e.Kind == LedgerKinds.Observation && e.Service is { } s)
                {
                    Assert.True(tokens.ContainsKey(s), $"{replica} observed {s} without holding it");
                    observed++;
                }
            }
        }

        Assert.True(observed > 0);
        foreach (var service in claims.GroupBy(c => c.Service))
        {
            var byTime = service.OrderBy(c => c.Ts).ThenBy(c => c.Token).ToList();
            for (var i = 1; i < byTime.Count; i++)
            {
                Assert.True(byTime[i].Token > byTime[i - 1].Token,
                    $"{service.Key}: {byTime[i].Replica}'s claim at {byTime[i].Ts:O} has token {byTime[i].Token}, not above {byTime[i - 1].Replica}'s {byTime[i - 1].Token}");
            }
        }
    }

    /// <summary>
    /// <c>lumen report</c> over the three ledgers: each service is held at the end by the replica
    /// whose ledger has its newest claim, unless that ledger lost it since (a stopped first, so b may
    /// have taken a's services before it stopped too); never by the killed c, whose last claims are
    /// listed as older ones; and no claim is in two ledgers.
    /// </summary>
    private async Task AssertFleetReportAsync(HashSet<string> killedHeld)
    {
        var report = Path.Combine(_root, "fleet", "LUMEN_DEMO_REPORT.md");
        var (fleet, error) = await Lumen.Reports.ReportRunner.ReportAsync([Ledger("a"), Ledger("b"), Ledger("c")], report, CancellationToken.None);

        Assert.True(fleet is not null, error);
        Assert.Empty(fleet.Claims.Problems);
        var newest = new[] { "a", "b", "c" }
            .SelectMany(r => Entries(Ledger(r)).Where(e => e.Kind == LedgerKinds.CoordinationChanged)
                .SelectMany(e => e.Data.GetProperty("gained").EnumerateArray()
                    .Select(g => (Service: g.GetProperty("service").GetString()!, Token: g.GetProperty("token").GetInt64(), Replica: r))))
            .GroupBy(g => g.Service)
            .ToDictionary(g => g.Key, g => g.MaxBy(x => x.Token));
        Assert.Equal(Services, fleet.Services.Count);
        var heldAtEnd = new[] { "a", "b", "c" }.ToDictionary(r => r, r => Held(Ledger(r)));
        Assert.All(fleet.Services, s =>
        {
            var (_, token, replica) = newest[s.Service];
            Assert.Equal(heldAtEnd[replica].Contains(s.Service) ? replica : null, s.Holder); // null: the newest claim was lost since
            Assert.Equal(token, s.Token);
            Assert.NotEqual("c", s.Holder);
        });
        var c = fleet.Replicas[2];
        Assert.Equal("c", c.Replica);
        Assert.True(c.HeldAtEnd.Keys.ToHashSet().SetEquals(killedHeld));
        Assert.Equal(killedHeld.Count, c.Superseded);
        Assert.All(killedHeld, s => Assert.Contains(fleet.Services.Single(h => h.Service == s).Stale, x => x.StartsWith("c (token ", StringComparison.Ordinal)));
        Assert.Contains("## Fleet", await File.ReadAllTextAsync(report), StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, HashSet<string>>> UntilHeldAsync(
        IReadOnlyList<(string Name, LumenProcess Process)> replicas, Func<Dictionary<string, HashSet<string>>, bool> done)
    {
        try
        {
            return await PollHeldAsync(replicas, done);
        }
        catch (TimeoutException e)
        {
            var held = string.Join("; ", replicas.Select(r => $"{r.Name}: {string.Join(",", Held(Ledger(r.Name)).Order(StringComparer.Ordinal))}"));
            var output = string.Join("\n", replicas.Select(r => $"--- {r.Name}:\n{r.Process.Output}"));
            throw new TimeoutException($"{e.Message}\nheld: {held}\n{output}", e);
        }
    }

    private async Task<Dictionary<string, HashSet<string>>> PollHeldAsync(
        IReadOnlyList<(string Name, LumenProcess Process)> replicas, Func<Dictionary<string, HashSet<string>>, bool> done) =>
        await Poll.UntilAsync(
            () =>
            {
                foreach (var (name, process) in replicas)
                {
                    Assert.False(process.HasExited, $"replica {name} exited:\n{process.Output}");
                }

                return Task.FromResult(replicas.ToDictionary(r => r.Name, r => Held(Ledger(r.Name)), StringComparer.Ordinal));
            },
            done, "the replicas' holdings", attempts: 600, delayMs: 100);

    private static HashSet<string> Held(string ledger)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in Entries(ledger).Where(e => e.Kind == LedgerKinds.CoordinationChanged))
        {
            held.UnionWith(e.Data.GetProperty("gained").EnumerateArray().Select(g => g.GetProperty("service").GetString()!));
            held.ExceptWith(e.Data.GetProperty("lost").EnumerateArray().Select(l => l.GetString()!));
        }

        return held;
    }

    private static DateTimeOffset? GainedAt(string ledger, string service) =>
        Entries(ledger).LastOrDefault(e => e.Kind == LedgerKinds.CoordinationChanged
            && e.Data.GetProperty("gained").EnumerateArray().Any(g => g.GetProperty("service").GetString() == service))?.Ts;

    /// <summary>The complete lines of a ledger another process is writing (a line still being written is left out).</summary>
    private static List<LedgerEntry> Entries(string path)
    {
        var list = new List<LedgerEntry>();
        if (!File.Exists(path))
        {
            return list;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var text = Encoding.UTF8.GetString(memory.ToArray());
        var end = text.LastIndexOf('\n');
        foreach (var line in end < 0 ? [] : text[..end].Split('\n'))
        {
            Assert.True(LedgerEntryParser.TryParse(Encoding.UTF8.GetBytes(line), out var entry, out var error), error);
            list.Add(entry!);
        }

        return list;
    }

    private string Ledger(string replica) => Path.Combine(_root, "state-" + replica, FileLedgerStoreOptions.DefaultFileName);

    private LumenProcess Start(string replica) => LumenProcess.Start(new Dictionary<string, string>
    {
        ["LUMEN_CONFIG_DIR"] = Path.Combine(_root, "config"),
        ["LUMEN_STATE_DIR"] = Path.Combine(_root, "state-" + replica),
        ["LUMEN_REPLICA_ID"] = replica,
    }, "run", "--stage", "dev", "--port", LoopbackPort.Unbound().ToString(CultureInfo.InvariantCulture));

    private static void WriteConfig(string dir, Uri etcd)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "stage_matrix.yaml"), $"""
            version: 1
            stages:
              dev:
                endpoints:
                  prometheus: http://127.0.0.1:1
                coordination:
                  engine: etcd
                  endpoint: {etcd}
                  prefix: /lumen-replicas/
                  lease_ttl_seconds: {Ttl.TotalSeconds.ToString(CultureInfo.InvariantCulture)}
                policy:
                  interval_seconds: {Interval.TotalSeconds.ToString(CultureInfo.InvariantCulture)}
                  dry_run: false
                  max_active_adjustments: 3
                  ttl_minutes: 1
                  cooldown_minutes: 1
                slo:
                  latency_p95_ms: 600
                  error_rate: 0.05
                  coherence_min: 0.0

            """);
        var services = new StringBuilder("version: 1\nservices:\n");
        for (var i = 1; i <= Services; i++)
        {
            File.WriteAllText(Path.Combine(dir, $"svc-{i:D2}.yaml"), "concurrency_limit: 32\n");
            services.Append(CultureInfo.InvariantCulture, $"""
                  - name: svc-{i:D2}
                    window: 1m
                    sli:
                      p95_ms: {Flat(TestServices.P95)}
                      error_rate: {Flat(TestServices.ErrorRate)}
                      rps: {Flat(TestServices.Rps)}
                    knobs:
                      - name: concurrency_limit
                        min: 4
                        max: 256
                        default: 32
                        step: 4
                        integer: true
                        settle_seconds: 1
                        cost_weight: 0.0005
                    executors:
                      canary:
                        kind: file
                        path: {Path.Combine(dir, $"svc-{i:D2}.yaml")}
                        format: yaml

                """);
        }

        File.WriteAllText(Path.Combine(dir, "services.yaml"), services.ToString());
        File.WriteAllText(Path.Combine(dir, "canary_policy.yaml"), LiveConfig.CanaryPolicy);
        File.WriteAllText(Path.Combine(dir, "feedback_rules.yaml"), "version: 1\nrules: []\n");
    }

    private static string Flat(string query) => "'" + string.Join(' ', query.Split('\n').Select(l => l.Trim())) + "'";

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
