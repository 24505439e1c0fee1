namespace Lumen.Core.Leases;

/// <summary>The outcome of one lease call.</summary>
/// <param name="Status">Granted, Held, Released or Error.</param>
/// <param name="Lease">Granted: the caller's lease; Held: the other holder's.</param>
/// <param name="TakenOverFrom">Granted over another holder's lapsed lease: that lease (ledgered as <c>lease.taken_over</c>).</param>
/// <param name="Reason">Error: why.</param>
public sealed record LeaseOutcome(LeaseStatus Status, TargetLease? Lease, TargetLease? TakenOverFrom = null, string? Reason = null)
{
    public static LeaseOutcome Granted(TargetLease lease, TargetLease? takenOverFrom = null) => new(LeaseStatus.Granted, lease, takenOverFrom);

    public static LeaseOutcome HeldBy(TargetLease lease) => new(LeaseStatus.Held, lease);

    public static LeaseOutcome Released(TargetLease? lease) => new(LeaseStatus.Released, lease);

    public static LeaseOutcome NotSupported(string reason) => new(LeaseStatus.Unsupported, null, null, reason);

    public static LeaseOutcome Failed(string reason) => new(LeaseStatus.Error, null, null, reason);
}
