namespace Lumen.Core.Guard;

/// <summary>A wish to move one knob of one service one step, with who wants it and why.</summary>
internal sealed record Proposal(string Service, string Knob, ChangeDirection Direction, ProposalSource Source, string Reason);
