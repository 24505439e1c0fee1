using System.Collections.Immutable;
using Lumen.Core.Documents;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;

namespace Lumen.Adapters.Config;

/// <summary>Maps <c>feedback_rules.yaml</c> to a <see cref="FeedbackRuleSet"/> (keys, types and the
/// condition grammar; values are checked by <see cref="FeedbackRulesValidator"/>).</summary>
internal static class FeedbackRulesReader
{
    private static readonly string[] RootKeys = ["version", "rules"];
    private static readonly string[] RuleKeys = ["name", "when", "for", "clear_when", "phase", "stages", "propose", "notify", "managed"];
    private static readonly string[] ProposeKeys = ["knob", "direction"];
    private static readonly string[] NotifyKeys = ["severity", "message"];

    private static readonly (string, KnobDirection)[] Directions = [("increase", KnobDirection.Increase), ("decrease", KnobDirection.Decrease)];

    private static readonly (string, Severity)[] Severities =
        [("info", Severity.Info), ("warning", Severity.Warning), ("critical", Severity.Critical)];

    public static FeedbackRuleSet? Read(YNode root, NodeReader r)
    {
        if (r.AsMapping(root, "", "a mapping with keys version and rules") is not { } map)
        {
            return null;
        }

        r.CheckKeys(map, "", RootKeys);
        r.Version(map);
        var rules = ImmutableArray.CreateBuilder<FeedbackRule>();
        if (r.Get(map, "", "rules", "a list of rules (may be empty: [])") is { } node)
        {
            if (node is YSequence seq)
            {
                for (var i = 0; i < seq.Items.Length; i++)
                {
                    var path = ConfigPaths.Rule(i);
                    r.Note(path, seq.Items[i]);
                    if (r.AsMapping(seq.Items[i], path, "a rule (a mapping with name, when, and propose and/or notify)") is { } m)
                    {
                        rules.Add(ReadRule(m, path, r));
                    }
                }
            }
            else if (node is not YScalar { IsNull: true })
            {
                r.Error(node.Position, "rules", $"expected a list of rules, found {node.Describe()}");
            }
        }

        return new FeedbackRuleSet(rules.ToImmutable());
    }

    private static FeedbackRule ReadRule(YMapping m, string p, NodeReader r)
    {
        r.CheckKeys(m, p, RuleKeys);
        var name = r.Str(m, p, "name", "a rule name", "a rule name") ?? "";
        var when = Condition(m, p, "when", required: true, r) ?? new RuleCondition(RuleCoordinate.Load, ComparisonOp.GreaterThan, 0);
        var clear = Condition(m, p, "clear_when", required: false, r);
        var forIntervals = 1;
        if (r.Get(m, p, "for") is { } f && r.AsString(f, $"{p}.for", "a number of intervals such as '3 intervals'") is { } ft)
        {
            if (RuleSyntax.TryParseIntervals(ft, out var n, out var error))
            {
                forIntervals = n;
            }
            else
            {
                r.Error(f.Position, $"{p}.for", error);
            }
        }

        PhaseLabel? phase = r.Get(m, p, "phase") is { } ph ? r.Choice(ph, $"{p}.phase", CanaryPolicyReader.Phases) : null;
        var stages = r.Get(m, p, "stages") is { } st ? r.StrList(st, $"{p}.stages", "a list of stage names") : [];
        return new FeedbackRule(name, when, forIntervals, clear, phase, stages, Propose(m, p, r), Notify(m, p, r), r.Bool(m, p, "managed", false));
    }

    private static RuleCondition? Condition(YMapping m, string p, string key, bool required, NodeReader r)
    {
        var path = $"{p}.{key}";
        var node = r.Get(m, p, key, required ? $"a condition {RuleSyntax.ConditionForm}" : null);
        if (node is null || r.AsString(node, path, $"a condition {RuleSyntax.ConditionForm}") is not { } text)
        {
            return null;
        }

        if (RuleSyntax.TryParseCondition(text, out var condition, out var error))
        {
            return condition;
        }

        r.Error(node.Position, path, error);
        return null;
    }

    private static RuleProposal? Propose(YMapping m, string p, NodeReader r)
    {
        var pp = $"{p}.propose";
        if (r.Get(m, p, "propose") is not { } node || r.AsMapping(node, pp, "a mapping with knob and direction") is not { } pm)
        {
            return null;
        }

        r.CheckKeys(pm, pp, ProposeKeys);
        var knob = r.Str(pm, pp, "knob", "a knob name", "a knob name");
        var direction = r.Get(pm, pp, "direction", "increase or decrease") is { } d ? r.Choice(d, $"{pp}.direction", Directions) : null;
        return knob is null || direction is null ? null : new RuleProposal(knob, direction.Value);
    }

    private static RuleNotification? Notify(YMapping m, string p, NodeReader r)
    {
        var np = $"{p}.notify";
        if (r.Get(m, p, "notify") is not { } node || r.AsMapping(node, np, "a mapping with severity and message") is not { } nm)
        {
            return null;
        }

        r.CheckKeys(nm, np, NotifyKeys);
        var severity = r.Get(nm, np, "severity") is { } s ? r.Choice(s, $"{np}.severity", Severities) ?? Severity.Warning : Severity.Warning;
        var message = r.Str(nm, np, "message", "a message", "a message") ?? "placeholder";
        return new RuleNotification(severity, message);
    }
}
