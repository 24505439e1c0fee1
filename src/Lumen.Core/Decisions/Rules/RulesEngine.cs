using System.Collections.Immutable;
using Lumen.Core.Policy;

namespace Lumen.Core.Decisions.Rules;

/// <summary>
/// Evaluates <c>feedback_rules.yaml</c> for one service and interval. Pure and deterministic: rules are
/// visited in file order, so when two rules propose the same knob the earlier one wins.
/// </summary>
/// <remarks>
/// Each rule is a small state machine with hysteresis:
/// <list type="bullet">
/// <item>inactive: an interval where <c>when</c> holds (and the phase matches, if the rule names one)
/// counts; any other interval resets the count. When the count reaches <c>for</c>, the rule fires.</item>
/// <item>active: while the clear condition (<c>clear_when</c>, or "<c>when</c> no longer holds")
/// does not hold, the rule proposes its knob change every interval (the guard's cooldown and
/// one-adjustment-per-knob limit pace it). When the clear condition holds, the rule clears.</item>
/// <item>an interval where a coordinate the rule needs is unknown (NaN) changes nothing: no
/// proposal, no count, no clear.</item>
/// </list>
/// A notice is emitted on each transition (fired, cleared), not every interval.
/// </remarks>
public static class RulesEngine
{
    public static RulesEvaluation Evaluate(
        FeedbackRuleSet rules,
        string stage,
        string service,
        IReadOnlyCollection<string> serviceKnobs,
        RuleInputs inputs,
        RulesState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var tracks = state.Tracks.ToBuilder();
        var (proposals, notices) = Evaluate(rules, stage, service, serviceKnobs, inputs, tracks);
        return new RulesEvaluation(proposals, notices, new RulesState(tracks.ToImmutable()));
    }

    /// <summary>
    /// The same evaluation, keeping the rules' memory in <paramref name="tracks"/>, which it updates in
    /// place: the loop holds one dictionary for every service, where building the next immutable
    /// state for each service allocated a new path through a tree of all services' tracks.
    /// </summary>
    public static (ImmutableArray<RuleKnobProposal> Proposals, ImmutableArray<RuleNotice> Notices) Evaluate(
        FeedbackRuleSet rules,
        string stage,
        string service,
        IReadOnlyCollection<string> serviceKnobs,
        RuleInputs inputs,
        IDictionary<(string Rule, string Service), RuleTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(serviceKnobs);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(tracks);

        // Most services propose nothing in most intervals: nothing is allocated for them.
        ImmutableArray<RuleKnobProposal>.Builder? proposals = null;
        ImmutableArray<RuleNotice>.Builder? notices = null;
        foreach (var rule in rules.Rules)
        {
            if (!rule.AppliesTo(stage) || !Known(rule, inputs))
            {
                continue;
            }

            var key = (rule.Name, service);
            tracks.TryGetValue(key, out var track); // default (inactive, nothing held) when absent
            var next = Step(rule, inputs, track);
            tracks[key] = next;

            if (next.Active != track.Active && rule.Notify is { } notify)
            {
                (notices ??= ImmutableArray.CreateBuilder<RuleNotice>()).Add(
                    new RuleNotice(rule.Name, service, notify.Severity, notify.Message, next.Active));
            }

            if (next.Active && rule.Propose is { } propose && serviceKnobs.Contains(propose.Knob)
                && !Claimed(proposals, propose.Knob))
            {
                (proposals ??= ImmutableArray.CreateBuilder<RuleKnobProposal>()).Add(
                    new RuleKnobProposal(rule.Name, service, propose.Knob, propose.Direction, Reason(rule, inputs)));
            }
        }

        return (proposals?.ToImmutable() ?? [], notices?.ToImmutable() ?? []);
    }

    /// <summary>Whether an earlier rule already proposes a change of this knob (the earlier one wins).</summary>
    private static bool Claimed(ImmutableArray<RuleKnobProposal>.Builder? proposals, string knob)
    {
        if (proposals is not null)
        {
            foreach (var proposal in proposals)
            {
                if (proposal.Knob == knob)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>One interval of one rule's state machine.</summary>
    internal static RuleTrack Step(FeedbackRule rule, RuleInputs inputs, RuleTrack track)
    {
        if (track.Active)
        {
            var cleared = rule.ClearWhen is { } clear
                ? clear.Holds(inputs.Get(clear.Coordinate))
                : !Triggered(rule, inputs);
            return cleared ? new RuleTrack(0, Active: false) : track with { HeldIntervals = track.HeldIntervals + 1 };
        }

        if (!Triggered(rule, inputs))
        {
            return new RuleTrack(0, Active: false);
        }

        var held = track.HeldIntervals + 1;
        return new RuleTrack(held, Active: held >= rule.ForIntervals);
    }

    private static bool Triggered(FeedbackRule rule, RuleInputs inputs) =>
        rule.When.Holds(inputs.Get(rule.When.Coordinate))
        && (rule.Phase is not { } phase || phase == inputs.Phase);

    private static bool Known(FeedbackRule rule, RuleInputs inputs) =>
        !double.IsNaN(inputs.Get(rule.When.Coordinate))
        && (rule.ClearWhen is not { } clear || !double.IsNaN(inputs.Get(clear.Coordinate)));

    private static string Reason(FeedbackRule rule, RuleInputs inputs) =>
        FormattableString.Invariant(
            $"rule {rule.Name}: {rule.When} (now {inputs.Get(rule.When.Coordinate):0.###}) for {rule.ForIntervals} interval(s)");
}
