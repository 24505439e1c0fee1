using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Lumen.Core.Guard;

namespace Lumen.Benchmarks;

/// <summary>The guard judging 100 proposals over 10 services × 5 knobs, with some actives, cooldowns and stale data.</summary>
[MemoryDiagnoser]
public class GuardBenchmarks
{
    private GuardInput input = null!;

    [GlobalSetup]
    public void Setup()
    {
        var now = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var random = new Random(3);
        var services = Enumerable.Range(0, 10).Select(s => $"svc{s}").ToArray();
        var knobs = services.SelectMany(s => Enumerable.Range(0, 5).Select(k => new GuardKnob(s, $"knob{k}", 4, 256, 4, k % 2 == 0, 32 + k))).ToImmutableArray();
        var statuses = services.Select((s, i) => new ServiceStatus(s, i == 9 ? DataFreshness.Stale : DataFreshness.Fresh, i == 8, false, 0.8)).ToImmutableArray();
        var active = ImmutableArray.Create(
            new ActiveAdjustment("a1", "svc0", "knob0", now.AddMinutes(-3), now.AddMinutes(17), 0.9),
            new ActiveAdjustment("a2", "svc1", "knob1", now.AddMinutes(-3), now.AddMinutes(17), 0.9));
        var lastChanges = ImmutableDictionary.CreateRange(knobs.Where((_, i) => i % 7 == 0).Select(k => KeyValuePair.Create(k.Key, now.AddMinutes(-2))));
        var proposals = Enumerable.Range(0, 100).Select(i => new Proposal(
            services[random.Next(services.Length)],
            $"knob{random.Next(5)}",
            random.Next(2) == 0 ? ChangeDirection.Increase : ChangeDirection.Decrease,
            random.Next(3) == 0 ? ProposalSource.Rules : ProposalSource.Bandit,
            "bench")).ToImmutableArray();
        input = new GuardInput(proposals, active, new GuardPolicy(0.25, 50, TimeSpan.FromMinutes(5), 0.6), knobs, statuses, lastChanges, now);
    }

    [Benchmark]
    public int Evaluate100Proposals() => SafetyGuard.Evaluate(input).Accepted.Length;
}
