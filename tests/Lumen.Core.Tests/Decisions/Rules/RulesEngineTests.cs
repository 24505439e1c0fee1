using System.Collections.Immutable;
using Lumen.Core.Decisions.Rules;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;

namespace Lumen.Core.Tests.Decisions.Rules;

public sealed class RulesEngineTests
{
    private static readonly string[] Knobs = ["concurrency_limit", "timeout_ms"];

    private static FeedbackRule Rule(
        string name = "latency-high",
        double when = 1.0,
        int forIntervals = 3,
        double? clearBelow = 0.9,
        RuleProposal? propose = null,
        RuleNotification? notify = null,
        PhaseLabel? phase = null,
        ImmutableArray<string> stages = default) =>
        new(
            name,
            new RuleCondition(RuleCoordinate.LatencyPressure, ComparisonOp.GreaterThan, when),
            forIntervals,
            clearBelow is { } c ? new RuleCondition(RuleCoordinate.LatencyPressure, ComparisonOp.LessThan, c) : null,
            phase,
            stages,
            propose ?? new RuleProposal("concurrency_limit", KnobDirection.Increase),
            notify ?? new RuleNotification(Severity.Warning, "p95 over SLO"),
            Managed: false);

    private static RuleInputs Inputs(double latencyPressure, PhaseLabel phase = PhaseLabel.Peak) =>
        new(0.8, latencyPressure, 0.1, 1.0, 0.9, 0.7, 400, 0.001, 100, phase);

    private static (List<RulesEvaluation> Steps, RulesState Final) Run(FeedbackRuleSet rules, params double[] pressures)
    {
        var state = RulesState.Empty;
        var steps = new List<RulesEvaluation>();
        foreach (var p in pressures)
        {
            var eval = RulesEngine.Evaluate(rules, "dev", "checkout", Knobs, Inputs(p), state);
            steps.Add(eval);
            state = eval.Next;
        }

        return (steps, state);
    }

    [Fact]
    public void Evaluate_ConditionHeldForFewerIntervalsThanFor_DoesNotFire()
    {
        var (steps, final) = Run(new FeedbackRuleSet([Rule()]), 1.2, 1.3);

        Assert.All(steps, s => Assert.Empty(s.Proposals));
        Assert.All(steps, s => Assert.Empty(s.Notices));
        Assert.Equal(new RuleTrack(2, false), final.Get("latency-high", "checkout"));
    }

    [Fact]
    public void Evaluate_ConditionHeldForIntervals_FiresOnceAndProposesEveryActiveInterval()
    {
        var (steps, _) = Run(new FeedbackRuleSet([Rule()]), 1.2, 1.3, 1.1, 1.05);

        Assert.Empty(steps[1].Proposals);
        var fired = Assert.Single(steps[2].Notices);
        Assert.True(fired.Fired);
        Assert.Equal("p95 over SLO", fired.Message);
        var proposal = Assert.Single(steps[2].Proposals);
        Assert.Equal(("concurrency_limit", KnobDirection.Increase), (proposal.Knob, proposal.Direction));
        Assert.Contains("latency_pressure > 1", proposal.Reason, StringComparison.Ordinal);
        Assert.Single(steps[3].Proposals);
        Assert.Empty(steps[3].Notices);
    }

    [Fact]
    public void Evaluate_InterruptedCondition_ResetsTheCount()
    {
        var (steps, _) = Run(new FeedbackRuleSet([Rule()]), 1.2, 1.3, 0.95, 1.2, 1.2);

        Assert.All(steps, s => Assert.Empty(s.Proposals));
    }

    [Fact]
    public void Evaluate_HysteresisBand_StaysActiveUntilClearConditionHolds()
    {
        // Fires at 3rd interval; 0.95 is below "when" but above "clear_when": still active.
        var (steps, final) = Run(new FeedbackRuleSet([Rule()]), 1.2, 1.2, 1.2, 0.95, 0.92, 0.85, 0.95);

        Assert.Single(steps[3].Proposals);
        Assert.Single(steps[4].Proposals);
        var cleared = Assert.Single(steps[5].Notices);
        Assert.False(cleared.Fired);
        Assert.Empty(steps[5].Proposals);
        Assert.Empty(steps[6].Proposals);
        Assert.False(final.Get("latency-high", "checkout").Active);
    }

    [Fact]
    public void Evaluate_WithoutClearWhen_ClearsWhenConditionStopsHolding()
    {
        var (steps, _) = Run(new FeedbackRuleSet([Rule(clearBelow: null, forIntervals: 1)]), 1.2, 0.99);

        Assert.Single(steps[0].Proposals);
        Assert.Empty(steps[1].Proposals);
        Assert.False(Assert.Single(steps[1].Notices).Fired);
    }

    [Fact]
    public void Evaluate_UnknownCoordinate_ChangesNothing()
    {
        var (steps, final) = Run(new FeedbackRuleSet([Rule()]), 1.2, 1.2, double.NaN, 1.2);

        Assert.Empty(steps[2].Proposals);
        Assert.Empty(steps[2].Notices);
        Assert.True(steps[3].Proposals.Length == 1, "NaN neither reset nor advanced the count");
        Assert.Equal(3, final.Get("latency-high", "checkout").HeldIntervals);
    }

    [Fact]
    public void Evaluate_ActiveRuleWithUnknownData_NeitherProposesNorClears()
    {
        var (steps, final) = Run(new FeedbackRuleSet([Rule(forIntervals: 1)]), 1.2, double.NaN);

        Assert.Empty(steps[1].Proposals);
        Assert.Empty(steps[1].Notices);
        Assert.True(final.Get("latency-high", "checkout").Active);
    }

    [Fact]
    public void Evaluate_TwoRulesOnOneKnob_FirstInFileOrderWins()
    {
        var first = Rule("first", forIntervals: 1, propose: new RuleProposal("concurrency_limit", KnobDirection.Increase));
        var second = Rule("second", forIntervals: 1, propose: new RuleProposal("concurrency_limit", KnobDirection.Decrease));

        var (steps, _) = Run(new FeedbackRuleSet([first, second]), 1.5);

        var proposal = Assert.Single(steps[0].Proposals);
        Assert.Equal("first", proposal.Rule);
        Assert.Equal(2, steps[0].Notices.Length);
    }

    [Fact]
    public void Evaluate_KnobTheServiceLacks_IsNotProposed()
    {
        var rule = Rule(forIntervals: 1, propose: new RuleProposal("cache_size_mb", KnobDirection.Increase));

        var (steps, _) = Run(new FeedbackRuleSet([rule]), 1.5);

        Assert.Empty(steps[0].Proposals);
        Assert.Single(steps[0].Notices);
    }

    [Fact]
    public void Evaluate_RuleForOtherStage_IsSkipped()
    {
        var rule = Rule(forIntervals: 1, stages: ["prod"]);

        var (steps, final) = Run(new FeedbackRuleSet([rule]), 1.5);

        Assert.Empty(steps[0].Proposals);
        Assert.Equal(default, final.Get("latency-high", "checkout"));
    }

    [Fact]
    public void Evaluate_PhaseFilter_CountsOnlyInThatPhase()
    {
        var rules = new FeedbackRuleSet([Rule(forIntervals: 1, phase: PhaseLabel.Trough)]);

        var atPeak = RulesEngine.Evaluate(rules, "dev", "checkout", Knobs, Inputs(1.5, PhaseLabel.Peak), RulesState.Empty);
        var atTrough = RulesEngine.Evaluate(rules, "dev", "checkout", Knobs, Inputs(1.5, PhaseLabel.Trough), RulesState.Empty);

        Assert.Empty(atPeak.Proposals);
        Assert.Single(atTrough.Proposals);
    }

    [Fact]
    public void Evaluate_StateIsPerService()
    {
        var rules = new FeedbackRuleSet([Rule(forIntervals: 2)]);
        var s1 = RulesEngine.Evaluate(rules, "dev", "checkout", Knobs, Inputs(1.5), RulesState.Empty).Next;

        var other = RulesEngine.Evaluate(rules, "dev", "search", Knobs, Inputs(1.5), s1);
        var same = RulesEngine.Evaluate(rules, "dev", "checkout", Knobs, Inputs(1.5), s1);

        Assert.Empty(other.Proposals);
        Assert.Single(same.Proposals);
    }
}
