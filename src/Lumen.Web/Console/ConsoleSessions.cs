using System.Security.Cryptography;
using System.Text;

namespace Lumen.Web.Console;

/// <summary>
/// The console's server-side sessions. Signing in creates a random 256-bit id (the cookie's value) and a
/// random CSRF token; the store keeps only the id's SHA-256, the name, the issue time and the expiry.
/// A session ends at its absolute expiry, after the idle timeout, at sign-out (revoked: the same cookie is
/// refused from then on) and when the process restarts (everyone signs in again). At most
/// <see cref="MaxSessions"/> are held; the oldest gives way. Ids come from the system CSPRNG, not a seeded
/// generator: they are credentials.
/// </summary>
internal sealed class ConsoleSessions(TimeProvider time, TimeSpan lifetime, TimeSpan idle)
{
    public const int MaxSessions = 1000;

    private readonly Dictionary<string, ConsoleSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public TimeSpan Lifetime => lifetime;

    /// <summary>Creates a session for <paramref name="name"/>; returns it and the cookie value (the only copy of the id).</summary>
    public (ConsoleSession Session, string CookieValue) Create(string name)
    {
        var id = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var session = new ConsoleSession(Key(id), name, Base64Url(RandomNumberGenerator.GetBytes(32)), now, now + lifetime, now);
        lock (_lock)
        {
            Prune(now);
            if (_sessions.Count >= MaxSessions)
            {
                _sessions.Remove(_sessions.Values.MinBy(s => s.IssuedAt)!.Key);
            }

            _sessions[session.Key] = session;
        }

        return (session, id);
    }

    /// <summary>The live session for a cookie value, or null (unknown, revoked, expired or idle too long). Touches it.</summary>
    public ConsoleSession? Find(string? cookieValue)
    {
        if (cookieValue is not { Length: > 0 and <= 128 })
        {
            return null;
        }

        var key = Key(cookieValue);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_sessions.TryGetValue(key, out var session))
            {
                return null;
            }

            if (now >= session.ExpiresAt || now >= session.LastSeen + idle)
            {
                _sessions.Remove(key);
                return null;
            }

            var touched = session with { LastSeen = now };
            _sessions[key] = touched;
            return touched;
        }
    }

    /// <summary>Ends <paramref name="session"/> now: its cookie is refused from here on.</summary>
    public void Revoke(ConsoleSession session)
    {
        lock (_lock)
        {
            _sessions.Remove(session.Key);
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Count;
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var s in _sessions.Values.Where(s => now >= s.ExpiresAt || now >= s.LastSeen + idle).ToList())
        {
            _sessions.Remove(s.Key);
        }
    }

    private static string Key(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
