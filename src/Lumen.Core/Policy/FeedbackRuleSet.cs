using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary><c>feedback_rules.yaml</c>: the rules in file order (order matters: the first rule wins on a knob).</summary>
public sealed record FeedbackRuleSet(ImmutableArray<FeedbackRule> Rules)
{
    public FeedbackRule? Find(string name) =>
        Rules.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));
}
