using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>Value and cross-file checks of <c>feedback_rules.yaml</c>.</summary>
public static class FeedbackRulesValidator
{
    /// <param name="services">When given, a proposed knob must be a knob of some service.</param>
    /// <param name="matrix">When given, a rule's stages must be stages of the matrix.</param>
    public static ImmutableArray<ConfigProblem> Validate(FeedbackRuleSet rules, ServiceCatalog? services, StageMatrix? matrix)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var sink = new ProblemSink(ConfigFiles.FeedbackRules);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Rules.Length; i++)
        {
            var r = rules.Rules[i];
            var p = ConfigPaths.Rule(i);
            if (!ConfigNames.IsRuleName(r.Name))
            {
                sink.Add($"{p}.name", $"expected a rule name of {ConfigNames.RuleNameRule}, found {ConfigText.Quote(r.Name)}");
            }

            if (!seen.TryAdd(r.Name, i))
            {
                sink.Add($"{p}.name", $"expected a unique rule name, found {ConfigText.Quote(r.Name)} again (first at rules[{seen[r.Name]}])");
            }

            Condition(sink, $"{p}.when", r.When);
            if (r.ClearWhen is not null)
            {
                Condition(sink, $"{p}.clear_when", r.ClearWhen);
            }

            sink.AtLeast($"{p}.for", r.ForIntervals, 1, "intervals");
            if (r.Propose is null && r.Notify is null)
            {
                sink.Add(p, "expected a rule to propose a knob change, notify, or both, found neither 'propose' nor 'notify'");
            }

            if (r.Propose is { } propose && services is not null && !services.HasKnob(propose.Knob))
            {
                var known = string.Join(", ", services.Services.SelectMany(s => s.Knobs).Select(k => k.Name).Distinct(StringComparer.Ordinal));
                sink.Add($"{p}.propose.knob", $"expected a knob of some service in {ConfigFiles.Services} ({known}), found {ConfigText.Quote(propose.Knob)}");
            }

            if (r.Notify is { } notify && string.IsNullOrWhiteSpace(notify.Message))
            {
                sink.Add($"{p}.notify.message", "expected a message, found an empty string");
            }

            if (matrix is not null && !r.Stages.IsDefaultOrEmpty)
            {
                for (var s = 0; s < r.Stages.Length; s++)
                {
                    if (matrix.Find(r.Stages[s]) is null)
                    {
                        var known = string.Join(", ", matrix.Stages.Select(x => x.Name));
                        sink.Add($"{p}.stages[{s}]", $"expected a stage of {ConfigFiles.StageMatrix} ({known}), found {ConfigText.Quote(r.Stages[s])}");
                    }
                }
            }
        }

        return sink.ToImmutable();
    }

    private static void Condition(ProblemSink sink, string path, RuleCondition c)
    {
        if (!double.IsFinite(c.Threshold))
        {
            sink.Add(path, $"expected a finite threshold, found {ConfigText.Number(c.Threshold)}");
        }
    }
}
