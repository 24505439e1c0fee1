using Lumen.Core.Policy;

namespace Lumen.Core.Decisions.Rules;

/// <summary>A knob change a rule asks for this interval (the guard still decides).</summary>
public sealed record RuleKnobProposal(string Rule, string Service, string Knob, KnobDirection Direction, string Reason);
