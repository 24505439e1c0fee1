namespace Lumen.Core.Guard;

/// <summary>
/// A wish to move one knob of one service, with who wants it and why: one step in
/// <see cref="Direction"/> (rules, LinUCB), or to the absolute <see cref="Target"/> (a trial of the
/// value-level tuner; the guard checks it against the clamp and bounds instead of stepping).
/// </summary>
public sealed record Proposal(string Service, string Knob, ChangeDirection Direction, ProposalSource Source, string Reason,
    double? Target = null);
