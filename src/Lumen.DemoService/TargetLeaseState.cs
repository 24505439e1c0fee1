namespace Lumen.DemoService;

/// <summary>
/// The demo service's lease on its own configuration (docs/executors.md, "Leases"): one holder at a
/// time, an expiry, and a fencing token that increases whenever the lease changes hands. Writes to
/// <c>/admin/config</c> that carry an older token than the lease's are refused (409). Thread-safe;
/// the service knows no Lumen code, so the rules are written out here (the same as Lumen's LeaseRules).
/// </summary>
internal sealed class TargetLeaseState(TimeProvider time)
{
    private readonly Lock _lock = new();
    private Lease? _current;
    private long _lastToken;

    internal sealed record Lease(string Holder, long Token, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt);

    /// <summary>Acquire or renew (ttl &gt; 0), or release (ttl 0 with the holder's token). Granted: the lease (and the lapsed lease of another holder it replaced); otherwise the current one.</summary>
    public (bool Granted, Lease? Lease, Lease? Previous) Put(string holder, double ttlSeconds, long? token)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (ttlSeconds <= 0)
            {
                if (_current is { } c && c.Holder == holder && c.Token == token && now < c.ExpiresAt)
                {
                    _current = c with { ExpiresAt = now };
                }

                return (true, _current, null);
            }

            var ttl = TimeSpan.FromSeconds(ttlSeconds);
            var next = Math.Max(_lastToken, _current?.Token ?? 0) + 1;
            if (_current is { } held && now < held.ExpiresAt && held.Holder != holder)
            {
                return (false, held, null);
            }

            var previous = _current is { } lapsed && lapsed.Holder != holder && now >= lapsed.ExpiresAt ? lapsed : null;

            _current = _current is { } own && own.Holder == holder && own.Token == token && now < own.ExpiresAt
                ? own with { ExpiresAt = now + ttl }
                : new Lease(holder, next, now, now + ttl);
            _lastToken = Math.Max(_lastToken, _current.Token);
            return (true, _current, previous);
        }
    }

    /// <summary>The lease as it stands (for GET), or null when none was ever taken.</summary>
    public Lease? Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>Why a write with <paramref name="token"/> is refused (an older token than the lease's), or null.</summary>
    public string? Fenced(long token)
    {
        lock (_lock)
        {
            return _current is { } c && token < c.Token
                ? $"stale fencing token {token}: the lease is held by {c.Holder} with token {c.Token}"
                : null;
        }
    }
}
