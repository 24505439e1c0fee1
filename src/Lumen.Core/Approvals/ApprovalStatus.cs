namespace Lumen.Core.Approvals;

/// <summary>
/// A request's state as folded from the ledger. <see cref="Void"/> is not stored: it is what a
/// granted request becomes when the canary report it was granted for is no longer the current one
/// (<see cref="ApprovalRules.Gate"/>).
/// </summary>
public enum ApprovalStatus
{
    Pending,
    Granted,
    Rejected,
    Expired,
    Void,
}
