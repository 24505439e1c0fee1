namespace Lumen.Core.Guard;

/// <summary>The brake's order: roll this adjustment back now, because coherence fell below the stage minimum after it.</summary>
public sealed record RollbackProposal(
    string AdjustmentId, string Service, string Knob, double CoherenceBefore, double CoherenceNow, string Reason);
