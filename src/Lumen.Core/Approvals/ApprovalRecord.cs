namespace Lumen.Core.Approvals;

/// <summary>A request with its folded state: the decision that closed it, or when it expired.</summary>
public sealed record ApprovalRecord(ApprovalRequest Request, ApprovalStatus Status, ApprovalDecision? Decision, DateTimeOffset? ClosedAt)
{
    /// <summary>Pending in the ledger but past its expiry at <paramref name="now"/>: it counts as expired (deny).</summary>
    public ApprovalStatus StatusAt(DateTimeOffset now) =>
        Status == ApprovalStatus.Pending && now >= Request.ExpiresAt ? ApprovalStatus.Expired : Status;
}
