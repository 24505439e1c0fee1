using System.Collections.Immutable;
using Lumen.Core.Adjustments;
using Lumen.Core.Decisions.Bandit;
using Lumen.Core.Decisions.Rules;
using Lumen.Core.Guard;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>Steps 5–7: decide (rules, then the bandit), guard, and record each decision.</summary>
public sealed partial class ControlLoop
{
    /// <summary>
    /// Decide: only for a service whose data is fresh and mapped. The rules run first (they keep
    /// their hysteresis state); then LinUCB chooses an arm for the context x.
    /// </summary>
    private void Decide(TickContext tick)
    {
        if (!AcceptNewAdjustments)
        {
            return;
        }

        var alpha = _stage.Policy.LinUcbAlpha;
        foreach (var service in tick.Services)
        {
            if (service.Freshness != DataFreshness.Fresh || service.Coordinates is not { } c || service.Canary is not { } canary
                || !HoldsLease(service.Name) || tick.RestoredEarly.Contains(service.Name))
            {
                continue;
            }

            var inputs = new RuleInputs(c.Load, c.LatencyPressure ?? double.NaN, c.ErrorPressure ?? double.NaN,
                c.Health ?? double.NaN, c.Coherence ?? double.NaN, c.RhythmStrength,
                canary.P95Ms.Value, canary.ErrorRate.Value, canary.Rps.Value, c.Label);
            var knobs = service.Memory.KnobNames;
            service.RuleProposals = RulesEngine.Evaluate(_options.Config.FeedbackRules, _options.Stage, service.Name, knobs, inputs, _rules).Proposals;
            if (Trials)
            {
                continue;
            }

            // No arm can move (every knob active, cooling down or at its bound, or the stage's
            // maximum of active adjustments reached): the bandit does not decide, so a tick where
            // acting was impossible is neither logged as a choice nor rewarded as a hold.
            if (EligibleArms(tick, service) is not { } eligible)
            {
                continue;
            }

            var decision = service.Memory.Bandit.Select(c.Features.AsSpan(), new LinUcbSettings(alpha, _stage.Policy.Conservative), eligible);
            if (_options.ArmPolicy is { } policy)
            {
                decision = Override(policy, tick, service, decision, eligible, c.Features);
            }

            service.BanditDecision = decision;
            if (decision.Chosen.IsHold)
            {
                StartHold(tick, service, c.Features, c.Health);
            }
        }

        if (Trials)
        {
            DecideTrials(tick);
        }
    }

    /// <summary>
    /// Which arms can act this tick (Li et al.'s per-round arm set A_t): hold always; a knob's arm
    /// when the knob was read, has no open adjustment, is out of its cooldown and one step (after
    /// the clamp and bounds, <see cref="KnobStep"/>) moves it. Null when no knob arm can act or the
    /// stage already has its maximum of active adjustments. The guard still judges the choice.
    /// </summary>
    private bool[]? EligibleArms(TickContext tick, ServiceTick service)
    {
        var policy = _stage.Policy;
        if (_book.Open.Count >= policy.MaxActiveAdjustments)
        {
            return null;
        }

        var arms = service.Memory.Bandit.Arms;
        var eligible = new bool[arms.Length];
        var any = false;
        for (var i = 0; i < arms.Length; i++)
        {
            var arm = arms[i];
            if (arm.IsHold)
            {
                eligible[i] = true;
                continue;
            }

            if (arm.Knob is not { } name || service.Memory.Service.FindKnob(name) is not { } knob
                || !service.CanaryKnobs.TryGetValue(name, out var current)
                || _book.OpenOf(service.Name).Any(a => a.Knob == name)
                || (_book.LastChanges.TryGetValue(AdjustmentBook.KnobKey(service.Name, name), out var last) && tick.Now - last < policy.Cooldown))
            {
                continue;
            }

            var guardKnob = new GuardKnob(service.Name, name, knob.Min, knob.Max, knob.Step, knob.Integer, current);
            var direction = arm.Direction == ArmDirection.Increase ? ChangeDirection.Increase : ChangeDirection.Decrease;
            if (guardKnob.IsValid && KnobStep.Target(guardKnob, direction, policy.DeltaClamp) != current)
            {
                eligible[i] = any = true;
            }
        }

        return any ? eligible : null;
    }

    /// <summary>Lets the configured <see cref="IArmPolicy"/> choose instead of LinUCB; its pick must be an eligible arm.</summary>
    private static LinUcbDecision Override(IArmPolicy policy, TickContext tick, ServiceTick service, LinUcbDecision decision,
        bool[] eligible, ImmutableArray<double> x)
    {
        var context = new ArmPolicyContext(service.Name, tick.Tick, tick.Now, [.. decision.Arms.Select(a => a.Key)], [.. eligible], x,
            [.. decision.Scores.Select(s => s.Mean)], [.. decision.Scores.Select(s => s.Ucb)], [.. decision.Scores.Select(s => s.Lcb)],
            new ArmPick(decision.ChosenIndex, decision.Probability));
        var pick = policy.Choose(context);
        if (pick.Index < 0 || pick.Index >= eligible.Length || !eligible[pick.Index] || !(pick.Probability > 0 && pick.Probability <= 1))
        {
            throw new InvalidOperationException(
                $"arm policy {policy.Name} chose arm {pick.Index} with probability {pick.Probability}; it must choose an eligible arm with a probability in (0, 1]");
        }

        return decision with { ChosenIndex = pick.Index, Probability = pick.Probability };
    }

    /// <summary>
    /// Hold was chosen: remember (x, health) so hold is rewarded like any arm (docs/loop.md "Rewards").
    /// One pending hold per service at a time, so hold is sampled at most once per settle delay.
    /// </summary>
    private void StartHold(TickContext tick, ServiceTick service, ImmutableArray<double> features, double? health)
    {
        if (service.Memory.PendingHold is not null || Finite(health) is not { } before || Finite(features) is not { } x)
        {
            return;
        }

        var knobs = service.Memory.Service.Knobs;
        var settle = knobs.Length == 0 ? _stage.Policy.Interval : knobs.Min(k => k.Settle);
        service.Memory.PendingHold = new PendingHold(tick.Tick, x, before, tick.Now, tick.Now + settle);
    }

    /// <summary>
    /// Guard: the proposals (rules first; the bandit's arm only where no rule proposes that knob), the
    /// open adjustments, the policy and the knobs' actual values go through <see cref="SafetyGuard"/>.
    /// Data freshness comes from the readings: any non-Ok reading of a service means no action for it.
    /// </summary>
    private void Guard(TickContext tick)
    {
        var proposals = ImmutableArray.CreateBuilder<Proposal>();
        // The guard reads the knobs and status of a service only for its proposals, and the status of
        // a service with an open adjustment for the brake: only those are given to it. Building them
        // for every service was 30,000 knobs and 10,000 statuses a tick at 10,000 services, nearly all unread.
        var judged = new List<ServiceTick>();
        foreach (var service in tick.Services)
        {
            var before = proposals.Count;
            foreach (var rule in service.RuleProposals)
            {
                proposals.Add(new Proposal(service.Name, rule.Knob, Direction(rule.Direction), ProposalSource.Rules, rule.Reason));
            }

            if (service.BanditDecision is { Chosen: { IsHold: false, Knob: { } knob } chosen } decision
                && !service.RuleProposals.Any(r => r.Knob == knob))
            {
                proposals.Add(new Proposal(service.Name, knob,
                    chosen.Direction == ArmDirection.Increase ? ChangeDirection.Increase : ChangeDirection.Decrease,
                    ProposalSource.Bandit,
                    FormattableString.Invariant($"bandit: {chosen.Key} has the best score (ucb {decision.ChosenScore.Ucb:0.####})")));
            }

            proposals.AddRange(TrialProposals(service));
            if (proposals.Count > before || _book.OpenCount(service.Name) > 0)
            {
                judged.Add(service);
            }
        }

        var ttl = _stage.Policy.Ttl;
        var active = _book.Open.Values.Select(a => new ActiveAdjustment(
            a.Id, a.Service, a.Knob, a.AppliedAt ?? (a.Intent.ExpiresAt - ttl), a.Intent.ExpiresAt,
            // An unknown coherence before the change can never engage the brake (the TTL still bounds it).
            a.Intent.CoherenceBefore ?? 0));
        var knobs = ImmutableArray.CreateBuilder<GuardKnob>();
        var statuses = ImmutableArray.CreateBuilder<ServiceStatus>(judged.Count);
        foreach (var s in judged)
        {
            foreach (var k in s.Memory.Service.Knobs)
            {
                if (s.CanaryKnobs.TryGetValue(k.Name, out var current))
                {
                    knobs.Add(new GuardKnob(s.Name, k.Name, k.Min, k.Max, k.Step, k.Integer, current));
                }
            }

            var freshness = s.Freshness;
            statuses.Add(new ServiceStatus(s.Name, freshness, CanaryInProgress: false, PromotionInProgress: false,
                freshness == DataFreshness.Fresh ? s.Coordinates?.Coherence : null));
        }

        var lastChanges = GuardLastChanges();
        var policy = new GuardPolicy(_stage.Policy.DeltaClamp, _stage.Policy.MaxActiveAdjustments, _stage.Policy.Cooldown, _stage.Slo.CoherenceMin);
        tick.Guard = SafetyGuard.Evaluate(new GuardInput(
            proposals.ToImmutable(), [.. active], policy, knobs.DrainToImmutable(), statuses.MoveToImmutable(), lastChanges, tick.Now));
        SettleTrialVerdicts(tick);
    }

    // The book's last changes keyed for the guard, converted again only when the book's changed (every knob ever changed: O(N) a tick otherwise).
    private (ImmutableSortedDictionary<string, DateTimeOffset> From, ImmutableDictionary<KnobKey, DateTimeOffset> Keyed)? _guardLastChanges;

    private ImmutableDictionary<KnobKey, DateTimeOffset> GuardLastChanges()
    {
        if (_guardLastChanges is { } cached && ReferenceEquals(cached.From, _book.LastChanges))
        {
            return cached.Keyed;
        }

        var keyed = _book.LastChanges.ToImmutableDictionary(
            kv => new KnobKey(kv.Key[..kv.Key.IndexOf('/', StringComparison.Ordinal)], kv.Key[(kv.Key.IndexOf('/', StringComparison.Ordinal) + 1)..]),
            kv => kv.Value);
        _guardLastChanges = (_book.LastChanges, keyed);
        return keyed;
    }

    /// <summary>Record: one <c>decision</c> entry per service that had a rule proposal or a bandit choice.</summary>
    private async Task RecordDecisionsAsync(TickContext tick, CancellationToken cancellationToken)
    {
        // Grouped once: looking each deciding service's verdicts up in the whole list was O(N²) a tick.
        var acceptedOf = tick.Guard!.Accepted.ToLookup(a => a.Proposal.Service, StringComparer.Ordinal);
        var rejectedOf = tick.Guard.Rejected.ToLookup(r => r.Proposal.Service, StringComparer.Ordinal);
        var drafts = new List<LedgerDraft>();
        foreach (var service in tick.Services)
        {
            if (service.BanditDecision is not { } decision && service.RuleProposals.IsEmpty && service.TrialChoice is null)
            {
                continue;
            }

            var data = DecisionData.Of(tick.Tick, service, acceptedOf[service.Name], rejectedOf[service.Name],
                _stage.Policy.LinUcbAlpha, _options.ArmPolicy?.Name, _options.Tuning.Floor);
            drafts.Add(new LedgerDraft(LedgerKinds.Decision, _options.Stage, service.Name, _options.Actor, data));
        }

        // Services whose blocks end together decide in the same tick: their entries share one group commit.
        await AppendAllAsync(tick, drafts, cancellationToken).ConfigureAwait(false);
    }

    private static ChangeDirection Direction(KnobDirection direction) =>
        direction == KnobDirection.Increase ? ChangeDirection.Increase : ChangeDirection.Decrease;

    internal static string SourceName(ProposalSource source) => source == ProposalSource.Rules ? "rules" : "bandit";

    private static string ArmKey(Proposal proposal) =>
        proposal.Knob + (proposal.Direction == ChangeDirection.Increase ? ":increase" : ":decrease");
}
