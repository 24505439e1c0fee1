namespace Lumen.Core.Leases;

/// <summary>
/// One controller per target (docs/reliability.md): a lease on one target service, taken through
/// whatever the target supports (a lease file beside a file target, the demo service's
/// <c>PUT /admin/lease</c>, a Kubernetes Lease). A lease has a holder, an expiry and a fencing token
/// that increases every time the lease changes hands (or is re-taken after it lapsed); writes carry the
/// token where the target can check it, and a target refuses a token lower than its lease's.
/// </summary>
/// <remarks>
/// Expected failures (target down, timeout, a lease held by another) are values
/// (<see cref="LeaseOutcome"/>), never thrown. Implementations must make acquire a compare-and-set on
/// the target: two callers racing for a free or lapsed lease never both get it.
/// </remarks>
public interface ITargetLease
{
    /// <summary>The kind of target (<c>file</c>, <c>http</c>, ...), for messages and the ledger.</summary>
    string Kind { get; }

    /// <summary>Where the lease lives (a path, a URL without credentials), for messages and the ledger.</summary>
    string Location { get; }

    /// <summary>
    /// Takes the lease for <paramref name="holder"/> for <paramref name="ttl"/>, or renews it.
    /// Granted when nobody holds it, when the holder already holds it, or when another's lease has
    /// expired (then <see cref="LeaseOutcome.TakenOverFrom"/> names the lapsed lease). A renewal by the
    /// holder with its current token keeps the token; any other grant increases it.
    /// Otherwise <see cref="LeaseOutcome.Held"/> with the current lease.
    /// </summary>
    /// <param name="token">The token the caller holds (a renewal), or null (a first acquisition).</param>
    Task<LeaseOutcome> AcquireAsync(string holder, TimeSpan ttl, long? token, CancellationToken cancellationToken);

    /// <summary>Gives the lease up (it expires now) when <paramref name="holder"/> still holds it with <paramref name="token"/>; otherwise nothing.</summary>
    Task<LeaseOutcome> ReleaseAsync(string holder, long token, CancellationToken cancellationToken);
}
