using System.Security.Cryptography;
using System.Text;
using Lumen.Web.Security;
using Microsoft.AspNetCore.Http;

namespace Lumen.Web.Console;

/// <summary>
/// Authentication for the console (docs/security.md). The sign-in form checks the token (constant
/// time, throttled per client and overall) and creates a server-side <see cref="ConsoleSession"/>; the
/// cookie holds only the session's random id (HttpOnly, SameSite=Strict, Secure on HTTPS), so it reveals
/// nothing, cannot be forged, and stops working at sign-out or expiry. Every cookie POST carries the
/// session's own CSRF token. A script may instead send <c>Authorization: Bearer TOKEN</c> and
/// <c>X-Lumen-Approver: NAME</c> (no cookie, so no CSRF), through the same throttle.
/// </summary>
internal sealed class ConsoleAuth(string token, ConsoleSessions sessions, AttemptThrottle throttle)
{
    public const string CookieName = "lumen_console";
    public const string ApproverHeader = "X-Lumen-Approver";

    private readonly SecretComparer _token = new(token);

    public BearerGate Bearer { get; } = new(token, throttle);

    public AttemptThrottle Throttle => throttle;

    public ConsoleSessions Sessions => sessions;

    public bool TokenMatches(string? given) => _token.Matches(given);

    /// <summary>The signed-in session from the cookie, or null.</summary>
    public ConsolePrincipal? FromCookie(HttpRequest request) =>
        sessions.Find(request.Cookies[CookieName]) is { } session ? new ConsolePrincipal(session.Name, session) : null;

    public static bool CsrfMatches(ConsoleSession session, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(session.Csrf), Encoding.UTF8.GetBytes(given));

    /// <summary>Approver names: 1–64 characters of letters, digits, '.', '_', '-', '@'.</summary>
    public static string? ValidName(string? name) =>
        name is { Length: > 0 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@') ? name : null;
}
