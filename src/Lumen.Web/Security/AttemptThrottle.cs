using System.Threading.RateLimiting;

namespace Lumen.Web.Security;

/// <summary>
/// Throttles attempts at a secret (a sign-in, a bearer token). Two limits, checked before the secret is:
/// <list type="bullet">
/// <item>per client, a backoff on failures: after <see cref="AttemptThrottleOptions.FreeFailures"/> failures,
/// each failure locks the client out for twice as long as the last (capped); during a lock-out every attempt,
/// right or wrong, is refused with its Retry-After and is not checked. A success clears the client.</item>
/// <item>overall, a token bucket (<see cref="TokenBucketRateLimiter"/>) over every attempt that reaches the
/// check, so many clients together cannot guess fast either.</item>
/// </list>
/// The backoff runs on the injected <see cref="TimeProvider"/>; the bucket on the system clock (it is
/// System.Threading.RateLimiting's). Usage: <see cref="Check"/>, then <see cref="Failed"/> or <see cref="Succeeded"/>.
/// </summary>
public sealed class AttemptThrottle : IDisposable
{
    private readonly AttemptThrottleOptions _options;
    private readonly TimeProvider _time;
    private readonly TokenBucketRateLimiter _overall;
    private readonly Dictionary<string, ClientState> _clients = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public AttemptThrottle(AttemptThrottleOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
        _overall = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.OverallBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = options.OverallPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>May <paramref name="client"/> attempt now? Consumes one overall token when it may.</summary>
    public ThrottleDecision Check(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_clients.TryGetValue(client, out var state) && state.LockedUntil > now)
            {
                return ThrottleDecision.Wait(state.LockedUntil - now);
            }
        }

        using var lease = _overall.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return ThrottleDecision.Allow;
        }

        return ThrottleDecision.Wait(lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero
            ? after
            : _options.OverallPeriod);
    }

    /// <summary>Records a wrong secret from <paramref name="client"/>; returns the lock-out it now has (zero when none).</summary>
    public TimeSpan Failed(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (!_clients.TryGetValue(client, out var state) || now - state.LastFailure > _options.ForgetAfter)
            {
                MakeRoom(now);
                state = new ClientState(0, now, DateTimeOffset.MinValue);
            }

            var failures = state.Failures + 1;
            var lockout = Lockout(failures);
            _clients[client] = new ClientState(failures, now, lockout > TimeSpan.Zero ? now + lockout : DateTimeOffset.MinValue);
            return lockout;
        }
    }

    /// <summary>Records a right secret from <paramref name="client"/>: its failures are forgotten.</summary>
    public void Succeeded(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_lock)
        {
            _clients.Remove(client);
        }
    }

    /// <summary>Clients currently tracked (for tests and bounds).</summary>
    public int TrackedClients
    {
        get
        {
            lock (_lock)
            {
                return _clients.Count;
            }
        }
    }

    public void Dispose() => _overall.Dispose();

    private TimeSpan Lockout(int failures)
    {
        var over = failures - _options.FreeFailures;
        if (over <= 0)
        {
            return TimeSpan.Zero;
        }

        // 2^(over-1) × base, computed without overflow: past 2^30 it is the cap anyway.
        var factor = over > 31 ? double.MaxValue : Math.Pow(2, over - 1);
        var ticks = _options.BaseLockout.Ticks * factor;
        return ticks >= _options.MaxLockout.Ticks ? _options.MaxLockout : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Keeps at most <see cref="AttemptThrottleOptions.MaxClients"/>: first drops the forgotten, then the stalest.</summary>
    private void MakeRoom(DateTimeOffset now)
    {
        if (_clients.Count < _options.MaxClients)
        {
            return;
        }

        foreach (var (key, state) in _clients.ToList())
        {
            if (now - state.LastFailure > _options.ForgetAfter && state.LockedUntil <= now)
            {
                _clients.Remove(key);
            }
        }

        var excess = _clients.Count - _options.MaxClients + 1;
        foreach (var key in _clients.OrderBy(kv => kv.Value.LastFailure).Take(Math.Max(0, excess)).Select(kv => kv.Key).ToList())
        {
            _clients.Remove(key);
        }
    }

    private readonly record struct ClientState(int Failures, DateTimeOffset LastFailure, DateTimeOffset LockedUntil);
}
