namespace Lumen.Core.Approvals;

/// <summary>The approval gate's answer for one plan, with the reason in plain words.</summary>
public sealed record ApprovalGate(GateOutcome Outcome, string Reason, ApprovalRecord? Record)
{
    public bool IsApproved => Outcome == GateOutcome.Approved;
}
