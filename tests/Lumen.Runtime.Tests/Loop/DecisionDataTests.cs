using System.Collections.Immutable;
using Lumen.Core.Decisions.Bandit;
using Lumen.Core.Decisions.Rules;
using Lumen.Core.Decisions.Tuner;
using Lumen.Core.Guard;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Runtime.Loop;
using Lumen.Runtime.Tests.TestKit;

namespace Lumen.Runtime.Tests.Loop;

public sealed class DecisionDataTests
{
    private const double Alpha = 0.8;
    private const double Floor = 0.05;

    /// <summary>
    /// The decision written straight into canonical form is byte for byte <see cref="CanonicalTree.From"/> of
    /// the nested dictionaries the entry used to be built from (kept below as the reference), for a bandit's
    /// decision with verdicts and a policy, rules without a mapped rhythm, and the tuner's trial and hold
    /// (with a missing posterior and a candidate shorter than the knob list).
    /// </summary>
    [Fact]
    public void Of_EveryShape_SameBytesAsTheDictionaryTree()
    {
        var cases = Cases().ToList();
        Assert.Equal(6, cases.Count);
        foreach (var (service, accepted, rejected, policy) in cases)
        {
            var expected = CanonicalTree.From(Reference(42, service, accepted, rejected, policy));

            var actual = DecisionData.Of(42, service, accepted, rejected, Alpha, policy, Floor);

            Assert.Equal(expected.ToString(), actual.ToString());
        }
    }

    /// <summary>A number the entry must carry (a tuner's context, a chosen probability) that is not finite throws, as the tree did.</summary>
    [Fact]
    public void Of_NonFiniteContext_Throws()
    {
        var service = Tick("cart");
        service.TrialChoice = Trial(chosen: 1) with { Context = [0.5, double.NaN] };

        Assert.Throws<ArgumentException>(() => CanonicalTree.From(Reference(1, service, [], [], null)));
        Assert.Throws<ArgumentException>(() => DecisionData.Of(1, service, [], [], Alpha, null, Floor));
    }

    private static IEnumerable<(ServiceTick, AcceptedChange[], RejectedProposal[], string?)> Cases()
    {
        var bandit = Tick("checkout \"eu\"");
        bandit.Coordinates = EntrySamples.Coordinates();
        var arms = Arm.ForKnobs(["timeout_ms", "concurrency_limit"]);
        bandit.BanditDecision = new LinUcbDecision(arms,
            [.. arms.Select((_, i) => new ArmScore(0.1 * i, i == 2 ? double.NaN : 0.25, 0.35 + i, -0.15 + (i / 3.0)))], 1, 0.9123456789, Conservative: false);
        var increase = new Proposal("checkout \"eu\"", "timeout_ms", ChangeDirection.Increase, ProposalSource.Bandit, "ucb");
        var target = new Proposal("checkout \"eu\"", "concurrency_limit", ChangeDirection.Decrease, ProposalSource.Rules, "rule", Target: 24);
        AcceptedChange[] accepted = [new(increase, 1000, 1100.5), new(target, 32, 24)];
        RejectedProposal[] rejected = [new(increase with { Knob = "retries" }, RejectionCode.UnknownKnob, "no knob \"retries\"")];
        yield return (bandit, accepted, rejected, "linucb");
        yield return (bandit, [], [], null);

        var rules = Tick("search");
        rules.RuleProposals = [new RuleKnobProposal("latency_high", "search", "timeout_ms", KnobDirection.Increase, "p95 over"),
            new RuleKnobProposal("errors", "search", "concurrency_limit", KnobDirection.Decrease, "errors over")];
        yield return (rules, [], [new RejectedProposal(increase with { Service = "search" }, RejectionCode.StaleData, "stale")], "ignored without a bandit");

        var trial = Tick("cart");
        trial.Coordinates = EntrySamples.Coordinates();
        trial.TrialChoice = Trial(chosen: 2);
        yield return (trial, [new AcceptedChange(target with { Service = "cart" }, 32, 40)], [], null);

        var hold = Tick("cart");
        hold.TrialChoice = Trial(chosen: 0);
        yield return (hold, [], [], null);

        var both = Tick("ads");
        both.Coordinates = EntrySamples.Coordinates();
        both.BanditDecision = bandit.BanditDecision with { Conservative = true };
        both.TrialChoice = Trial(chosen: 1);
        yield return (both, [], [], "linucb");
    }

    private static TrialChoice Trial(int chosen) => new(
        Number: 17,
        Context: [1, 0.25, -0.5, 1e-9],
        Candidates: [[1000, 32, 3], [1100, 32, 3], [900, 40], [1000, 24, 2]],
        Mean: [0.1, double.NaN, 0.3, -0.05],
        Sd: [0.01, 0.02, double.PositiveInfinity, 0.04],
        Lcb: [0.08, 0.1, 0.25, -0.1],
        Safe: [true, true, false, true],
        Votes: [3, 0, 2, 1],
        Probabilities: [0.4, 0.3, 0.25, 0.05],
        Chosen: chosen);

    // The knobs are declared out of ordinal order: candidates list values in declaration order.
    private static ServiceTick Tick(string name) =>
        EntrySamples.Tick(name, EntrySamples.Timeout, EntrySamples.Concurrency, new KnobSpec("batch", 1, 8, 3, 1, Integer: true, 60, 0));

    // The entry's data as the loop built it before (nested dictionaries through CanonicalTree).
    private static Dictionary<string, object?> Reference(long tick, ServiceTick service, AcceptedChange[] accepted, RejectedProposal[] rejected, string? policy)
    {
        var bandit = service.BanditDecision;
        var data = new Dictionary<string, object?>
        {
            ["tick"] = tick,
            ["x"] = service.Coordinates?.Features.ToArray(),
            ["source"] = !service.RuleProposals.IsEmpty ? "rules" : service.TrialChoice is not null ? "tuner" : "bandit",
            ["chosen"] = bandit?.Chosen.Key,
            ["probability"] = bandit?.Probability,
            ["conservative"] = bandit?.Conservative,
            ["alpha"] = bandit is null ? null : Alpha,
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
                ["source"] = a.Proposal.Target is null ? (a.Proposal.Source == ProposalSource.Rules ? "rules" : "bandit") : "tuner",
            }).ToList(),
            ["rejected"] = rejected.Select(r => new Dictionary<string, object?>
            {
                ["knob"] = r.Proposal.Knob,
                ["code"] = r.CodeName,
                ["reason"] = r.Reason,
            }).ToList(),
        };
        if (bandit is not null && policy is not null)
        {
            data["policy"] = policy;
        }

        if (service.TrialChoice is { } trial)
        {
            var knobs = service.Memory.Service.Knobs.Select(k => k.Name).ToList();
            data["tuner"] = "lumen";
            data["x"] = trial.Context.ToArray();
            data["decision"] = trial.Number;
            data["chosen"] = trial.IsHold ? "hold" : "trial";
            data["chosen_index"] = trial.Chosen;
            data["probability"] = trial.Probability;
            data["floor"] = Floor;
            data["incumbent"] = Named(knobs, trial.Candidates[0]);
            data["values"] = Named(knobs, trial.ChosenValues);
            data["candidates"] = trial.Candidates.Select((c, i) => new Dictionary<string, object?>
            {
                ["values"] = Named(knobs, c),
                ["mean"] = Finite(trial.Mean[i]),
                ["sd"] = Finite(trial.Sd[i]),
                ["lcb"] = Finite(trial.Lcb[i]),
                ["safe"] = trial.Safe[i],
                ["votes"] = trial.Votes[i],
                ["p"] = Finite(trial.Probabilities[i]),
            }).ToList();
        }

        return data;
    }

    private static Dictionary<string, object?> Named(IReadOnlyList<string> knobs, ImmutableArray<double> values) =>
        knobs.Select((k, i) => (k, i)).Where(t => t.i < values.Length).ToDictionary(t => t.k, t => (object?)values[t.i], StringComparer.Ordinal);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
