using Microsoft.AspNetCore.Http;

namespace Lumen.Web.Security;

/// <summary>
/// Refuses cross-site POSTs (docs/security.md): <c>Sec-Fetch-Site</c>, when a browser sends it, must be
/// <c>same-origin</c> or <c>none</c> (typed or bookmarked); <c>Origin</c>, when sent, must be this
/// server (its scheme-less authority equals the request's Host) or one of the configured public origins
/// (a reverse proxy's <c>https://lumen.example</c>). A request with neither header (curl, a script) passes
/// this check; the CSRF token or the bearer token still has to.
/// </summary>
public static class SameOrigin
{
    public static bool IsCrossSite(HttpRequest request, IReadOnlyCollection<string> allowedOrigins)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        var site = request.Headers["Sec-Fetch-Site"];
        if (site.Count > 0 && !(site.Count == 1 && site[0] is "same-origin" or "none"))
        {
            return true;
        }

        var origins = request.Headers.Origin;
        if (origins.Count == 0)
        {
            return false;
        }

        if (origins.Count > 1 || origins[0] is not { Length: > 0 } origin)
        {
            return true;
        }

        if (allowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        // "null" (a sandboxed frame, a file: page) and anything unparsable are cross-site.
        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
