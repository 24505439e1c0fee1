namespace Lumen.Core.Leases;

/// <summary>What an acquire, renew or release came to.</summary>
public enum LeaseStatus
{
    /// <summary>The caller holds the lease (<see cref="LeaseOutcome.Lease"/>).</summary>
    Granted,

    /// <summary>Another holder's unexpired lease (<see cref="LeaseOutcome.Lease"/>); the caller must not act.</summary>
    Held,

    /// <summary>Released (or there was nothing of the caller's to release).</summary>
    Released,

    /// <summary>
    /// The target has no lease (an http target whose <c>/admin/lease</c> answers 404): the loop acts
    /// without one, as before leases existed, and says so; one controller per target is then not enforced.
    /// </summary>
    Unsupported,

    /// <summary>The target could not be asked (down, timeout, unreadable lease); the caller does not know and must not act.</summary>
    Error,
}
