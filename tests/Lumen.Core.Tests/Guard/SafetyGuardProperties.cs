using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lumen.Core.Guard;

namespace Lumen.Core.Tests.Guard;

/// <summary>The guard's invariants, over generated inputs (FsCheck).</summary>
public sealed class SafetyGuardProperties
{
    private static readonly Arbitrary<GuardInput> Inputs = Arb.From(GuardGenerators.Input);

    [Property(MaxTest = 500)]
    public Property Evaluate_AcceptedChange_StaysInBoundsAndWithinClamp() =>
        Prop.ForAll(Inputs, input =>
        {
            var knobs = input.Knobs.ToDictionary(k => k.Key);
            return SafetyGuard.Evaluate(input).Accepted.All(change =>
            {
                var knob = knobs[new KnobKey(change.Proposal.Service, change.Proposal.Knob)];
                var delta = Math.Abs(change.To - change.From);

                // The clamp is checked up to one rounding of the sum current ± step.
                return change.From == knob.Current
                    && change.To >= knob.Min && change.To <= knob.Max
                    && delta > 0
                    && delta <= (input.Policy.DeltaClamp * Math.Abs(knob.Current) * (1 + 1e-12))
                    && (!knob.Integer || change.To == Math.Floor(change.To) || change.To == knob.Min || change.To == knob.Max);
            });
        });

    [Property(MaxTest = 500)]
    public Property Brakes_CoherenceAtOrAboveMinimum_NeverBrakes() =>
        Prop.ForAll(Arb.From(GuardGenerators.Policy), Arb.From(Gen.Choose(0, 1000)), Arb.From(Gen.Choose(0, 1000)), (policy, b, n) =>
        {
            var before = b / 1000.0;
            var now = policy.CoherenceMin + ((1 - policy.CoherenceMin) * n / 1000.0);
            return !SafetyGuard.Brakes(policy, before, now);
        });

    [Property(MaxTest = 500)]
    public Property Brakes_FromAtOrAboveMinimumToBelow_AlwaysBrakes() =>
        Prop.ForAll(Arb.From(GuardGenerators.Policy), Arb.From(Gen.Choose(0, 1000)), Arb.From(Gen.Choose(1, 1000)), (policy, b, n) =>
        {
            var before = policy.CoherenceMin + ((1 - policy.CoherenceMin) * b / 1000.0);
            var now = policy.CoherenceMin * (1 - (n / 1000.0));
            return policy.CoherenceMin == 0 || SafetyGuard.Brakes(policy, before, now);
        });

    [Property(MaxTest = 500)]
    public Property Brakes_AlreadyBelowMinimum_BrakesExactlyOnADropBeyondTheMargin() =>
        Prop.ForAll(Arb.From(GuardGenerators.Policy), Arb.From(Gen.Choose(0, 999)), Arb.From(Gen.Choose(0, 1000)), (policy, b, n) =>
        {
            var before = policy.CoherenceMin * b / 1000.0;
            var now = policy.CoherenceMin * n / 1000.0;
            var expected = now < policy.CoherenceMin && now < before - policy.BrakeMargin;
            return SafetyGuard.Brakes(policy, before, now) == expected;
        });

    [Property(MaxTest = 500)]
    public Property Evaluate_ActiveAdjustments_NeverExceedTheLimit() =>
        Prop.ForAll(Inputs, input =>
        {
            var accepted = SafetyGuard.Evaluate(input).Accepted.Length;
            return accepted == 0 || input.Active.Length + accepted <= input.Policy.MaxActiveAdjustments;
        });

    [Property(MaxTest = 500)]
    public Property Evaluate_StaleOrMissingData_NeverYieldsAnAction() =>
        Prop.ForAll(Inputs, input =>
        {
            var fresh = input.Services.Where(s => s.Freshness == DataFreshness.Fresh).Select(s => s.Service).ToHashSet();
            return SafetyGuard.Evaluate(input).Accepted.All(c => fresh.Contains(c.Proposal.Service));
        });

    [Property(MaxTest = 500)]
    public Property Evaluate_AtMostOneAdjustmentPerKnob() =>
        Prop.ForAll(Inputs, input =>
        {
            var active = input.Active.Select(a => new KnobKey(a.Service, a.Knob)).ToHashSet();
            var keys = SafetyGuard.Evaluate(input).Accepted.Select(c => new KnobKey(c.Proposal.Service, c.Proposal.Knob)).ToList();
            return keys.Distinct().Count() == keys.Count && !keys.Any(active.Contains);
        });

    [Property(MaxTest = 500)]
    public Property Evaluate_EveryProposalIsJudgedOnce_AndRejectionsHaveReasons() =>
        Prop.ForAll(Inputs, input =>
        {
            var result = SafetyGuard.Evaluate(input);
            return result.Accepted.Length + result.Rejected.Length == input.Proposals.Length
                && result.Rejected.All(r => r.Reason.Length > 0 && r.CodeName.Length > 0);
        });

    [Property(MaxTest = 100)]
    public Property Evaluate_OverManyTicks_ActiveCountNeverExceedsLimit() =>
        Prop.ForAll(Arb.From(Gen.Zip(GuardGenerators.Input, Gen.Choose(0, int.MaxValue))), pair =>
        {
            var (start, seed) = pair;
            var random = new Random(seed);
            var active = ImmutableArray<ActiveAdjustment>.Empty;
            var now = start.Now;
            for (var tick = 0; tick < 40; tick++)
            {
                now = now.AddMinutes(1);
                active = active.RemoveAll(a => a.ExpiresAt <= now);
                var proposals = start.Proposals.Where(_ => random.Next(2) == 0).ToImmutableArray();
                var input = start with { Active = active, Proposals = proposals, Now = now, LastChanges = ImmutableDictionary<KnobKey, DateTimeOffset>.Empty };
                var result = SafetyGuard.Evaluate(input);
                active = active.AddRange(result.Accepted.Select((c, i) => new ActiveAdjustment(
                    $"t{tick}-{i}", c.Proposal.Service, c.Proposal.Knob, now, now.AddMinutes(random.Next(1, 10)), 1.0)));
                if (active.Length > start.Policy.MaxActiveAdjustments)
                {
                    return false;
                }
            }

            return true;
        });
}
