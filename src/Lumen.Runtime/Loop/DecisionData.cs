using System.Collections.Immutable;
using Lumen.Core.Guard;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;

namespace Lumen.Runtime.Loop;

/// <summary>
/// The <c>data</c> of a <c>decision</c> entry (docs/ledger-entries.md), written straight into the
/// ledger's canonical form (<see cref="CanonicalDataWriter"/>, keys in ordinal order). Built as nested
/// dictionaries (<see cref="CanonicalTree"/>), a tuner's decision was a dictionary per candidate and per
/// knob list, boxed numbers and a key sort per object: 8 % of a tick at 10,000 services. The bytes are
/// exactly those of <see cref="CanonicalTree.From"/> of those dictionaries (a test compares both); like
/// it, a number that must be finite and is not throws, and the ones that may be missing are written as
/// <c>null</c>. The writer is the calling thread's.
/// </summary>
internal static class DecisionData
{
    [ThreadStatic]
    private static CanonicalDataWriter? t_writer;

    /// <summary>The decision of <paramref name="service"/> in tick <paramref name="tick"/> with the guard's verdicts on its proposals.</summary>
    /// <param name="alpha">The stage's LinUCB exploration weight (written with a bandit decision).</param>
    /// <param name="policy">The arm policy's name (written with a bandit decision), or null.</param>
    /// <param name="floor">The tuner's exploration floor (written with a tuner decision).</param>
    public static CanonicalData Of(long tick, ServiceTick service, IEnumerable<AcceptedChange> accepted, IEnumerable<RejectedProposal> rejected,
        double alpha, string? policy, double floor)
    {
        var w = t_writer ??= new CanonicalDataWriter();
        w.Reset();
        var bandit = service.BanditDecision;
        var trial = service.TrialChoice;
        var memory = service.Memory;

        w.StartArray("accepted");
        foreach (var a in accepted)
        {
            w.StartObject();
            w.Number("from", Strict(a.From));
            w.String("knob", a.Proposal.Knob);
            w.String("source", a.Proposal.Target is null ? ControlLoop.SourceName(a.Proposal.Source) : "tuner");
            w.Number("to", Strict(a.To));
            w.EndObject();
        }

        w.EndArray();
        if (bandit is null)
        {
            w.Null("alpha");
            w.Null("arms");
        }
        else
        {
            w.Number("alpha", Strict(alpha));
            w.StartArray("arms");
            for (var i = 0; i < bandit.Arms.Length; i++)
            {
                var score = bandit.Scores[i];
                w.StartObject();
                w.String("arm", bandit.Arms[i].Key);
                w.Number("lcb", score.Lcb);
                w.Number("mean", score.Mean);
                w.Number("ucb", score.Ucb);
                w.Number("width", score.Width);
                w.EndObject();
            }

            w.EndArray();
        }

        if (trial is not null)
        {
            w.StartArray("candidates");
            for (var i = 0; i < trial.Candidates.Length; i++)
            {
                w.StartObject();
                w.Number("lcb", trial.Lcb[i]);
                w.Number("mean", trial.Mean[i]);
                w.Number("p", trial.Probabilities[i]);
                w.Boolean("safe", trial.Safe[i]);
                w.Number("sd", trial.Sd[i]);
                Named(w, "values", memory, trial.Candidates[i]);
                w.Integer("votes", trial.Votes[i]);
                w.EndObject();
            }

            w.EndArray();
            w.String("chosen", trial.IsHold ? "hold" : "trial");
            w.Integer("chosen_index", trial.Chosen);
        }
        else
        {
            w.String("chosen", bandit?.Chosen.Key);
        }

        if (bandit is null)
        {
            w.Null("conservative");
        }
        else
        {
            w.Boolean("conservative", bandit.Conservative);
        }

        if (trial is not null)
        {
            w.Integer("decision", trial.Number);
            w.Number("floor", Strict(floor));
            Named(w, "incumbent", memory, trial.Candidates[0]);
        }

        if (bandit is not null && policy is not null)
        {
            w.String("policy", policy);
        }

        if (trial is not null)
        {
            w.Number("probability", Strict(trial.Probability));
        }
        else if (bandit is null)
        {
            w.Null("probability");
        }
        else
        {
            w.Number("probability", Strict(bandit.Probability));
        }

        w.StartArray("rejected");
        foreach (var r in rejected)
        {
            w.StartObject();
            w.String("code", r.CodeName);
            w.String("knob", r.Proposal.Knob);
            w.String("reason", r.Reason);
            w.EndObject();
        }

        w.EndArray();
        w.StartArray("rules");
        foreach (var r in service.RuleProposals)
        {
            w.StartObject();
            w.String("direction", r.Direction == KnobDirection.Increase ? "increase" : "decrease");
            w.String("knob", r.Knob);
            w.String("rule", r.Rule);
            w.EndObject();
        }

        w.EndArray();
        w.String("source", !service.RuleProposals.IsEmpty ? "rules" : trial is not null ? "tuner" : "bandit");
        w.Integer("tick", tick);
        if (trial is not null)
        {
            w.String("tuner", "lumen");
            Named(w, "values", memory, trial.ChosenValues);
            Numbers(w, "x", trial.Context);
        }
        else if (service.Coordinates is { } c)
        {
            Numbers(w, "x", c.Features);
        }
        else
        {
            w.Null("x");
        }

        return w.ToData();
    }

    /// <summary>The service's knobs (those <paramref name="values"/> has a value for) with their values, keys in ordinal order.</summary>
    private static void Named(CanonicalDataWriter w, string name, ServiceMemory memory, ImmutableArray<double> values)
    {
        w.StartObject(name);
        foreach (var i in memory.KnobIndexOrdinal)
        {
            if (i < values.Length)
            {
                w.Number(memory.KnobNames[i], Strict(values[i]));
            }
        }

        w.EndObject();
    }

    private static void Numbers(CanonicalDataWriter w, string name, ImmutableArray<double> values)
    {
        w.StartArray(name);
        foreach (var v in values)
        {
            w.Number(Strict(v));
        }

        w.EndArray();
    }

    private static double Strict(double value) =>
        double.IsFinite(value) ? value : throw new ArgumentException($"{value} is not a JSON number");
}
