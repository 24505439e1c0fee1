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
            if (service.Freshness != DataFreshness.Fresh || service.Coordinates is not { } c || service.Canary is not { } canary)
            {
                continue;
            }

            var inputs = new RuleInputs(c.Load, c.LatencyPressure ?? double.NaN, c.ErrorPressure ?? double.NaN,
                c.Health ?? double.NaN, c.Coherence ?? double.NaN, c.RhythmStrength,
                canary.P95Ms.Value, canary.ErrorRate.Value, canary.Rps.Value, c.Label);
            var knobs = service.Memory.Service.Knobs.Select(k => k.Name).ToList();
            var rules = RulesEngine.Evaluate(_options.Config.FeedbackRules, _options.Stage, service.Name, knobs, inputs, _rules);
            _rules = rules.Next;
            service.RuleProposals = rules.Proposals;
            service.BanditDecision = service.Memory.Bandit.Select(c.Features.AsSpan(), new LinUcbSettings(alpha, _stage.Policy.Conservative));
        }
    }

    /// <summary>
    /// Guard: the proposals (rules first; the bandit's arm only where no rule proposes that knob), the
    /// open adjustments, the policy and the knobs' actual values go through <see cref="SafetyGuard"/>.
    /// Data freshness comes from the readings: any non-Ok reading of a service means no action for it.
    /// </summary>
    private void Guard(TickContext tick)
    {
        var proposals = ImmutableArray.CreateBuilder<Proposal>();
        foreach (var service in tick.Services)
        {
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
        }

        var ttl = _stage.Policy.Ttl;
        var active = _book.Open.Values.Select(a => new ActiveAdjustment(
            a.Id, a.Service, a.Knob, a.AppliedAt ?? (a.Intent.ExpiresAt - ttl), a.Intent.ExpiresAt,
            // An unknown coherence before the change can never engage the brake (the TTL still bounds it).
            a.Intent.CoherenceBefore ?? 0));
        var knobs = tick.Services.SelectMany(s => s.Memory.Service.Knobs
            .Where(k => s.CanaryKnobs.ContainsKey(k.Name))
            .Select(k => new GuardKnob(s.Name, k.Name, k.Min, k.Max, k.Step, k.Integer, s.CanaryKnobs[k.Name])));
        var statuses = tick.Services.Select(s => new ServiceStatus(s.Name, s.Freshness, CanaryInProgress: false, PromotionInProgress: false,
            s.Freshness == DataFreshness.Fresh ? s.Coordinates?.Coherence : null));
        var lastChanges = _book.LastChanges.ToImmutableDictionary(
            kv => new KnobKey(kv.Key[..kv.Key.IndexOf('/', StringComparison.Ordinal)], kv.Key[(kv.Key.IndexOf('/', StringComparison.Ordinal) + 1)..]),
            kv => kv.Value);
        var policy = new GuardPolicy(_stage.Policy.DeltaClamp, _stage.Policy.MaxActiveAdjustments, _stage.Policy.Cooldown, _stage.Slo.CoherenceMin);
        tick.Guard = SafetyGuard.Evaluate(new GuardInput(
            proposals.ToImmutable(), [.. active], policy, [.. knobs], [.. statuses], lastChanges, tick.Now));
    }

    /// <summary>Record: one <c>decision</c> entry per service that had a rule proposal or a bandit choice.</summary>
    private async Task RecordDecisionsAsync(TickContext tick, CancellationToken cancellationToken)
    {
        foreach (var service in tick.Services)
        {
            if (service.BanditDecision is not { } decision && service.RuleProposals.IsEmpty)
            {
                continue;
            }

            var accepted = tick.Guard!.Accepted.Where(a => a.Proposal.Service == service.Name).ToList();
            var rejected = tick.Guard.Rejected.Where(r => r.Proposal.Service == service.Name).ToList();
            var bandit = service.BanditDecision;
            var data = new Dictionary<string, object?>
            {
                ["tick"] = tick.Tick,
                ["x"] = service.Coordinates?.Features.ToArray(),
                ["source"] = service.RuleProposals.IsEmpty ? "bandit" : "rules",
                ["chosen"] = bandit?.Chosen.Key,
                ["probability"] = bandit?.Probability,
                ["conservative"] = bandit?.Conservative,
                ["alpha"] = _stage.Policy.LinUcbAlpha,
                ["arms"] = bandit is null ? null : bandit.Arms.Select((arm, i) => new Dictionary<string, object?>
                {
                    ["arm"] = arm.Key,
                    ["mean"] = Finite(bandit.Scores[i].Mean),
                    ["width"] = Finite(bandit.Scores[i].Width),
                    ["ucb"] = Finite(bandit.Scores[i].Ucb),
                    ["lcb"] = Finite(bandit.Scores[i].Lcb),
                }).ToList(),
                ["rules"] = service.RuleProposals.Select(r => new Dictionary<string, object?>
                {
                    ["rule"] = r.Rule,
                    ["knob"] = r.Knob,
                    ["direction"] = r.Direction == KnobDirection.Increase ? "increase" : "decrease",
                }).ToList(),
                ["accepted"] = accepted.Select(a => new Dictionary<string, object?>
                {
                    ["knob"] = a.Proposal.Knob,
                    ["from"] = a.From,
                    ["to"] = a.To,
                    ["source"] = SourceName(a.Proposal.Source),
                }).ToList(),
                ["rejected"] = rejected.Select(r => new Dictionary<string, object?>
                {
                    ["knob"] = r.Proposal.Knob,
                    ["code"] = r.CodeName,
                    ["reason"] = r.Reason,
                }).ToList(),
            };
            await AppendAsync(tick, LedgerKinds.Decision, service.Name, LedgerData.From(data), cancellationToken).ConfigureAwait(false);
        }
    }

    private static ChangeDirection Direction(KnobDirection direction) =>
        direction == KnobDirection.Increase ? ChangeDirection.Increase : ChangeDirection.Decrease;

    private static string SourceName(ProposalSource source) => source == ProposalSource.Rules ? "rules" : "bandit";

    private static string ArmKey(Proposal proposal) =>
        proposal.Knob + (proposal.Direction == ChangeDirection.Increase ? ":increase" : ":decrease");
}
