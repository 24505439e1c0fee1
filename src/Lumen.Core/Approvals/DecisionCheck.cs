namespace Lumen.Core.Approvals;

/// <summary>The outcome of checking a decision, with a plain-words message for the person who sent it.</summary>
public sealed record DecisionCheck(DecisionOutcome Outcome, string Message, ApprovalRecord? Record)
{
    public bool ShouldRecord => Outcome == DecisionOutcome.Accept;

    /// <summary>Accepted, or already recorded exactly so (idempotent success for the sender).</summary>
    public bool IsSuccess => Outcome is DecisionOutcome.Accept or DecisionOutcome.AlreadyRecorded;
}
