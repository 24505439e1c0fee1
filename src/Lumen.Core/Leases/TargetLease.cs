namespace Lumen.Core.Leases;

/// <summary>A lease as the target holds it.</summary>
/// <param name="Holder">Who holds it (<c>host/state-dir</c> for <c>lumen run</c>, or <c>LUMEN_LEASE_HOLDER</c>).</param>
/// <param name="Token">The fencing token: increases on every change of hands; never reused.</param>
/// <param name="AcquiredAt">When this holder took it (a renewal keeps it).</param>
/// <param name="ExpiresAt">When it lapses unless renewed.</param>
public sealed record TargetLease(string Holder, long Token, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt)
{
    /// <summary>True when the lease no longer protects its holder at <paramref name="now"/>.</summary>
    public bool ExpiredAt(DateTimeOffset now) => now >= ExpiresAt;
}
