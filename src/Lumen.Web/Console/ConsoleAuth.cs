using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Lumen.Web.Console;

/// <summary>
/// Token authentication for the console. The login form checks the token (constant-time) and sets
/// a cookie <c>NAME.MAC</c> where MAC = HMAC-SHA256(token, "session:" + NAME): the token itself never
/// leaves the server again, and changing the token logs everyone out. The cookie is HttpOnly,
/// SameSite=Strict (no cross-site request carries it) and Secure on HTTPS. Every POST also carries
/// a CSRF field, HMAC(token, "csrf:" + NAME), checked in constant time. A script may instead send
/// <c>Authorization: Bearer TOKEN</c> and <c>X-Lumen-Approver: NAME</c> (no cookie, so no CSRF).
/// </summary>
internal sealed class ConsoleAuth(string token)
{
    public const string CookieName = "lumen_console";
    public const string ApproverHeader = "X-Lumen-Approver";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(token);

    public bool TokenMatches(string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(_key));

    public string SessionValue(string name) => name + "." + Mac("session:" + name);

    public string Csrf(string name) => Mac("csrf:" + name);

    public bool CsrfMatches(string name, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Csrf(name)), Encoding.UTF8.GetBytes(given));

    /// <summary>The signed-in approver, or null. <paramref name="viaBearer"/> says the request used a bearer token.</summary>
    public string? Approver(HttpRequest request, out bool viaBearer)
    {
        viaBearer = false;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            viaBearer = true;
            return TokenMatches(authorization["Bearer ".Length..].Trim()) && ValidName(request.Headers[ApproverHeader].ToString()) is { } n ? n : null;
        }

        if (request.Cookies[CookieName] is not { } cookie || cookie.LastIndexOf('.') is var dot && dot <= 0)
        {
            return null;
        }

        var name = cookie[..dot];
        return ValidName(name) is not null
               && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(SessionValue(name)), Encoding.UTF8.GetBytes(cookie))
            ? name
            : null;
    }

    /// <summary>Approver names: 1–64 characters of letters, digits, '.', '_', '-', '@'.</summary>
    public static string? ValidName(string? name) =>
        name is { Length: > 0 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@') ? name : null;

    private string Mac(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));
}
