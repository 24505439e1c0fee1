using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Lumen.Core.Guard;

namespace Lumen.Core.Tests.Guard;

/// <summary>FsCheck generators of whole guard inputs: up to three services, knobs, actives, cooldowns and proposals.</summary>
internal static class GuardGenerators
{
    private static readonly string[] ServiceNames = ["checkout", "search", "auth"];
    private static readonly string[] KnobNames = ["concurrency_limit", "cache_size_mb", "timeout_ms"];

    private static Gen<double> Between(double low, double high, int steps = 1000) =>
        Gen.Choose(0, steps).Select(i => low + ((high - low) * i / steps));

    private static Gen<bool> Chance(int percent) => Gen.Choose(1, 100).Select(i => i <= percent);

    public static Gen<GuardPolicy> Policy { get; } =
        from clamp in Gen.Elements(0.01, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0)
        from max in Gen.Choose(0, 4)
        from cooldown in Gen.Choose(0, 15)
        from coherenceMin in Between(0, 1, 20)
        from margin in Gen.Elements(0.0, 0.01, GuardPolicy.DefaultBrakeMargin, 0.2)
        select new GuardPolicy(clamp, max, TimeSpan.FromMinutes(cooldown), coherenceMin, margin);

    public static Gen<ServiceStatus> Service(string name) =>
        from freshness in Gen.Frequency((3, Gen.Constant(DataFreshness.Fresh)), (1, Gen.Constant(DataFreshness.Stale)), (1, Gen.Constant(DataFreshness.Missing)))
        from canary in Chance(10)
        from promotion in Chance(10)
        from coherence in Between(0, 1, 20)
        select new ServiceStatus(name, freshness, canary, promotion, coherence);

    public static Gen<GuardKnob> Knob(string service, string name) =>
        from min in Gen.Choose(0, 100)
        from span in Gen.Choose(0, 400)
        from step in Gen.Elements(0.1, 0.5, 1, 4, 10, 64)
        from integer in Chance(60)
        from position in Between(0, 1)
        from outside in Chance(5)
        select new GuardKnob(service, name, min, min + span, step, integer, outside ? min + span + 1 : min + (position * span));

    public static Gen<Proposal> Proposal { get; } =
        from service in Gen.Elements(ServiceNames)
        from knob in Gen.Frequency((9, Gen.Elements(KnobNames)), (1, Gen.Constant("unknown_knob")))
        from direction in Gen.Elements(ChangeDirection.Increase, ChangeDirection.Decrease)
        from source in Gen.Elements(ProposalSource.Rules, ProposalSource.Bandit)
        select new Proposal(service, knob, direction, source, "generated");

    public static Gen<GuardInput> Input { get; } =
        from serviceCount in Gen.Choose(1, 3)
        let names = ServiceNames.Take(serviceCount).ToArray()
        from services in Gen.CollectToArray(names, Service)
        from knobs in Gen.CollectToArray(names.SelectMany(s => KnobNames.Select(k => (s, k))), t => Knob(t.s, t.k))
        from activeFlags in Gen.ArrayOf(Chance(20), knobs.Length)
        from befores in Gen.ArrayOf(Between(0, 1, 20), knobs.Length)
        from ages in Gen.ArrayOf(Gen.Choose(-1, 20), knobs.Length)
        from policy in Policy
        from proposals in Gen.ListOf(Proposal).Resize(12)
        select Build(services, knobs, activeFlags, befores, ages, policy, proposals);

    private static GuardInput Build(
        ServiceStatus[] services, GuardKnob[] knobs, bool[] activeFlags, double[] befores, int[] ages, GuardPolicy policy, IEnumerable<Proposal> proposals)
    {
        var now = GuardScenario.Now;
        var active = ImmutableArray.CreateBuilder<ActiveAdjustment>();
        var lastChanges = ImmutableDictionary.CreateBuilder<KnobKey, DateTimeOffset>();
        for (var i = 0; i < knobs.Length; i++)
        {
            if (activeFlags[i])
            {
                active.Add(new ActiveAdjustment($"adj-{i}", knobs[i].Service, knobs[i].Name, now.AddMinutes(-1), now.AddMinutes(20), befores[i]));
            }

            if (ages[i] >= 0)
            {
                lastChanges[knobs[i].Key] = now.AddMinutes(-ages[i]);
            }
        }

        return new GuardInput([.. proposals], active.ToImmutable(), policy, [.. knobs], [.. services], lastChanges.ToImmutable(), now);
    }
}
