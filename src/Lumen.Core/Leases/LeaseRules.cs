namespace Lumen.Core.Leases;

/// <summary>
/// The lease decision every target applies (a pure function, so the file lease, the demo service and
/// a future Kubernetes lease agree): given the lease the target holds now, who asks, and when.
/// </summary>
public static class LeaseRules
{
    /// <summary>
    /// No lease → granted with token 1 (or the last token + 1). The same holder with the current token
    /// → renewed (token kept). The same holder without it (a restart) → granted with a new token. Another
    /// holder's lease: unexpired → held; expired → taken over with a new token.
    /// </summary>
    /// <param name="lastToken">The highest token the target ever issued (a released lease keeps it), so tokens never repeat.</param>
    public static LeaseOutcome Acquire(TargetLease? current, long lastToken, string holder, TimeSpan ttl, long? token, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        if (ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "A lease's ttl must be positive.");
        }

        var next = Math.Max(lastToken, current?.Token ?? 0) + 1;
        if (current is null)
        {
            return LeaseOutcome.Granted(new TargetLease(holder, next, now, now + ttl));
        }

        if (current.Holder == holder)
        {
            return token == current.Token && !current.ExpiredAt(now)
                ? LeaseOutcome.Granted(current with { ExpiresAt = now + ttl })
                : LeaseOutcome.Granted(new TargetLease(holder, next, now, now + ttl));
        }

        return current.ExpiredAt(now)
            ? LeaseOutcome.Granted(new TargetLease(holder, next, now, now + ttl), current)
            : LeaseOutcome.HeldBy(current);
    }

    /// <summary>A release by the holder with its token ends the lease now; anything else changes nothing.</summary>
    public static (TargetLease? Next, LeaseOutcome Outcome) Release(TargetLease? current, string holder, long token, DateTimeOffset now) =>
        current is not null && current.Holder == holder && current.Token == token && !current.ExpiredAt(now)
            ? (current with { ExpiresAt = now }, LeaseOutcome.Released(current with { ExpiresAt = now }))
            : (current, LeaseOutcome.Released(null));

    /// <summary>A write carrying <paramref name="token"/> is refused when the target's lease has a higher one (a stale controller).</summary>
    public static bool IsStale(TargetLease? current, long token) => current is not null && token < current.Token;
}
