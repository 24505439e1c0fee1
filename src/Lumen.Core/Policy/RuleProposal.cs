namespace Lumen.Core.Policy;

/// <summary>What a firing rule proposes: one step of a knob (by name, in every service that has it).</summary>
public sealed record RuleProposal(string Knob, KnobDirection Direction);
