using System.Collections.Immutable;
using Lumen.Core.Rhythm;

namespace Lumen.Core.Policy;

/// <summary>A rule over the rhythm coordinates: when <see cref="When"/> has held for
/// <see cref="ForIntervals"/> intervals (and, if set, the phase is <see cref="Phase"/>), the rule fires
/// and stays active until <see cref="ClearWhen"/> holds (hysteresis; without it, until <see cref="When"/>
/// stops holding). At least one of <see cref="Propose"/> and <see cref="Notify"/> is set.</summary>
/// <param name="Stages">Stages the rule applies to; empty = every stage.</param>
/// <param name="Managed">Written by <c>lumen thresholds sync</c>; every other rule is the user's and kept as is.</param>
public sealed record FeedbackRule(
    string Name,
    RuleCondition When,
    int ForIntervals,
    RuleCondition? ClearWhen,
    PhaseLabel? Phase,
    ImmutableArray<string> Stages,
    RuleProposal? Propose,
    RuleNotification? Notify,
    bool Managed)
{
    public bool AppliesTo(string stage) => Stages.IsDefaultOrEmpty || Stages.Contains(stage, StringComparer.Ordinal);
}
