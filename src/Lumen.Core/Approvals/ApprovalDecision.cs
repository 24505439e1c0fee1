namespace Lumen.Core.Approvals;

/// <summary>Someone's answer to a request: approve or reject, by whom, through which channel, when.</summary>
public sealed record ApprovalDecision(
    string RequestId,
    bool Approve,
    string By,
    ApprovalChannel Channel,
    DateTimeOffset At,
    string? Reason = null);
