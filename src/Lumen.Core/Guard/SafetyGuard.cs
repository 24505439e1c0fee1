using System.Collections.Immutable;

namespace Lumen.Core.Guard;

/// <summary>
/// The guard of docs/bandit.md: one pure function from proposals and the state of the world to
/// accepted changes, rejections with reasons, and the brake's rollbacks. Proposals are judged in
/// a fixed order (rules before the bandit, then as given), so the same input always gives the
/// same verdict and a rule wins over the bandit on a shared knob.
/// </summary>
public static class SafetyGuard
{
    public static GuardResult Evaluate(GuardInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Policy.Validate();
        var services = new Dictionary<string, ServiceStatus>(StringComparer.Ordinal);
        foreach (var status in input.Services)
        {
            services.TryAdd(status.Service, status);
        }

        var knobs = new Dictionary<KnobKey, GuardKnob>();
        foreach (var knob in input.Knobs)
        {
            knobs.TryAdd(knob.Key, knob);
        }

        var rollbacks = Brake(input, services);
        var braking = new HashSet<string>(rollbacks.Select(r => r.Service), StringComparer.Ordinal);
        var activeKnobs = new HashSet<KnobKey>(input.Active.Select(a => new KnobKey(a.Service, a.Knob)));
        var taken = new HashSet<KnobKey>();
        var accepted = ImmutableArray.CreateBuilder<AcceptedChange>();
        var rejected = ImmutableArray.CreateBuilder<RejectedProposal>();

        // A stable sort: rules first, then the bandit, each in the order given.
        var ordered = input.Proposals.Select((p, i) => (p, i)).OrderBy(t => t.p.Source).ThenBy(t => t.i).Select(t => t.p);
        foreach (var proposal in ordered)
        {
            var verdict = Judge(proposal, input, services, knobs, braking, activeKnobs, taken, accepted.Count);
            if (verdict.Rejection is { } rejection)
            {
                rejected.Add(rejection);
            }
            else
            {
                accepted.Add(verdict.Change!);
                taken.Add(new KnobKey(proposal.Service, proposal.Knob));
            }
        }

        return new GuardResult(accepted.ToImmutable(), rejected.ToImmutable(), rollbacks);
    }

    /// <summary>
    /// The brake (docs/bandit.md, "when coherence falls below coherence_min after an adjustment"): an
    /// active adjustment is rolled back at once when its service's coherence is now below
    /// <c>coherence_min</c> and either (a) was at or above the minimum just before the adjustment
    /// (it fell below), or (b) was already below it and has fallen by more than the policy's
    /// <c>BrakeMargin</c> since (a material further drop). Case (b) lets Lumen tune a service that
    /// is already unhealthy, e.g. at peak, which is when tuning matters, without rolling back every
    /// change on noise. An unknown coherence cannot engage the brake; the TTL still bounds it.
    /// </summary>
    private static ImmutableArray<RollbackProposal> Brake(GuardInput input, Dictionary<string, ServiceStatus> services)
    {
        var rollbacks = ImmutableArray.CreateBuilder<RollbackProposal>();
        foreach (var active in input.Active)
        {
            if (services.TryGetValue(active.Service, out var status) && status.Coherence is { } now
                && Brakes(input.Policy, active.CoherenceBefore, now))
            {
                var min = input.Policy.CoherenceMin;
                var why = active.CoherenceBefore >= min
                    ? FormattableString.Invariant($"fell to {now:0.###}, below coherence_min {min:0.###} (was {active.CoherenceBefore:0.###} before adjustment {active.Id})")
                    : FormattableString.Invariant($"fell from {active.CoherenceBefore:0.###} to {now:0.###} after adjustment {active.Id}, more than the brake margin {input.Policy.BrakeMargin:0.###} below an already low value (coherence_min {min:0.###})");
                rollbacks.Add(new RollbackProposal(
                    active.Id, active.Service, active.Knob, active.CoherenceBefore, now,
                    $"coherence of {active.Service} {why}; rolling {active.Knob} back"));
            }
        }

        return rollbacks.ToImmutable();
    }

    /// <summary>The brake's rule for one adjustment: coherence before it and now.</summary>
    public static bool Brakes(GuardPolicy policy, double before, double now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!(now < policy.CoherenceMin))
        {
            return false;
        }

        return before >= policy.CoherenceMin || now < before - policy.BrakeMargin;
    }

    private static (AcceptedChange? Change, RejectedProposal? Rejection) Judge(
        Proposal p,
        GuardInput input,
        Dictionary<string, ServiceStatus> services,
        Dictionary<KnobKey, GuardKnob> knobs,
        HashSet<string> braking,
        HashSet<KnobKey> activeKnobs,
        HashSet<KnobKey> taken,
        int acceptedSoFar)
    {
        var key = new KnobKey(p.Service, p.Knob);
        (AcceptedChange?, RejectedProposal?) Reject(RejectionCode code, string reason) => (null, new RejectedProposal(p, code, reason));

        if (!services.TryGetValue(p.Service, out var status) || status.Freshness == DataFreshness.Missing)
        {
            return Reject(RejectionCode.MissingData, $"no current data for {p.Service}; Lumen does not act without data");
        }

        if (status.Freshness == DataFreshness.Stale)
        {
            return Reject(RejectionCode.StaleData, $"the data for {p.Service} is stale; Lumen does not act on old readings");
        }

        if (status.CanaryInProgress)
        {
            return Reject(RejectionCode.CanaryInProgress, $"a canary check of {p.Service} is running; a change now would spoil its evidence");
        }

        if (status.PromotionInProgress)
        {
            return Reject(RejectionCode.PromotionInProgress, $"a promotion of {p.Service} is in progress; no new changes until it ends");
        }

        if (braking.Contains(p.Service))
        {
            return Reject(RejectionCode.BrakeEngaged, $"{p.Service} is being rolled back because its coherence fell below the minimum");
        }

        if (!knobs.TryGetValue(key, out var knob))
        {
            return Reject(RejectionCode.UnknownKnob, $"{key} is not a configured knob");
        }

        if (!knob.IsValid)
        {
            return Reject(RejectionCode.InvalidKnob, $"{key} has unusable bounds or step (min {knob.Min}, max {knob.Max}, step {knob.Step})");
        }

        if (knob.Current < knob.Min || knob.Current > knob.Max)
        {
            return Reject(RejectionCode.KnobOutOfBounds, $"{key} is at {knob.Current}, outside its bounds [{knob.Min}, {knob.Max}]; fix it by hand first");
        }

        if (activeKnobs.Contains(key))
        {
            return Reject(RejectionCode.KnobActive, $"{key} already has an active adjustment; one at a time per knob");
        }

        if (taken.Contains(key))
        {
            return Reject(RejectionCode.KnobTaken, $"{key} was already changed this tick by an earlier proposal (rules win over the bandit)");
        }

        if (input.LastChanges.TryGetValue(key, out var last) && input.Now - last < input.Policy.Cooldown)
        {
            return Reject(RejectionCode.Cooldown, $"{key} changed at {last:O}; its cooldown of {input.Policy.Cooldown.TotalMinutes:0.##} min has not passed");
        }

        var target = p.Target ?? KnobStep.Target(knob, p.Direction, input.Policy.DeltaClamp);
        if (p.Target is { } absolute && (!double.IsFinite(absolute) || absolute < knob.Min || absolute > knob.Max
                || Math.Abs(absolute - knob.Current) > (input.Policy.DeltaClamp * Math.Abs(knob.Current)) + 1e-9))
        {
            return Reject(RejectionCode.BeyondClamp, FormattableString.Invariant(
                $"{key} cannot go from {knob.Current} to {absolute}: outside its bounds [{knob.Min}, {knob.Max}] or beyond the clamp of {input.Policy.DeltaClamp:0.###}·|current|"));
        }

        if (target == knob.Current)
        {
            return Reject(RejectionCode.NoChange, $"{key} cannot move {p.Direction.ToString().ToLowerInvariant()} from {knob.Current}: at its bound, or the clamp and rounding leave no change");
        }

        if (input.Active.Length + acceptedSoFar >= input.Policy.MaxActiveAdjustments)
        {
            return Reject(RejectionCode.MaxActive, $"the stage allows {input.Policy.MaxActiveAdjustments} active adjustments and has {input.Active.Length + acceptedSoFar}");
        }

        return (new AcceptedChange(p, knob.Current, target), null);
    }
}
