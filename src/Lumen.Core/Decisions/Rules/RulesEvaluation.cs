using System.Collections.Immutable;

namespace Lumen.Core.Decisions.Rules;

/// <summary>What the rules say for one service this interval, and the state to keep.</summary>
public sealed record RulesEvaluation(
    ImmutableArray<RuleKnobProposal> Proposals,
    ImmutableArray<RuleNotice> Notices,
    RulesState Next);
