namespace Lumen.Core.Approvals;

/// <summary>May a promotion go ahead, as far as approvals are concerned?</summary>
public enum GateOutcome
{
    /// <summary>Granted for the current canary report.</summary>
    Approved,

    /// <summary>Requested, no decision yet, not expired.</summary>
    Waiting,

    /// <summary>No request for this plan yet: one must be made.</summary>
    NotRequested,

    /// <summary>Rejected by a person.</summary>
    Rejected,

    /// <summary>Expired without a decision (default deny).</summary>
    Expired,

    /// <summary>Granted for a different canary report: the evidence changed.</summary>
    Void,
}
