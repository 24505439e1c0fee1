namespace Lumen.Core.Approvals;

/// <summary>What happens to a decision someone sends (<see cref="ApprovalRules.Check"/>).</summary>
public enum DecisionOutcome
{
    /// <summary>Accepted: write it to the ledger.</summary>
    Accept,

    /// <summary>The same decision is already recorded (a replayed or repeated click): nothing changes.</summary>
    AlreadyRecorded,

    /// <summary>The request was already closed another way (decided otherwise or expired): nothing changes.</summary>
    AlreadyClosed,

    /// <summary>Past its expiry: default deny, nothing changes.</summary>
    Expired,

    /// <summary>The person is not on the channel's allowlist.</summary>
    NotAllowed,

    /// <summary>No request with that id.</summary>
    UnknownRequest,
}
