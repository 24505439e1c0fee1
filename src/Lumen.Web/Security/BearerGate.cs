using Microsoft.AspNetCore.Http;

namespace Lumen.Web.Security;

/// <summary>
/// "Check a bearer token, under a rate limit", for machine endpoints on Lumen's web host (the console's
/// scripted decisions; webhooks). The token must pass <see cref="TokenStrength"/> (checked at start by the
/// composition root); attempts go through an <see cref="AttemptThrottle"/> (shared with the console's
/// sign-in when both guard the same secret). Map an endpoint with
/// <c>.RequireBearer(gate)</c>, or call <see cref="Check"/> where the endpoint accepts other schemes too.
/// </summary>
public sealed class BearerGate(string token, AttemptThrottle throttle)
{
    private readonly SecretComparer _token = new(token);

    public AttemptThrottle Throttle => throttle;

    /// <summary>Checks the request's <c>Authorization: Bearer</c>; <paramref name="retryAfter"/> is set when throttled.</summary>
    public BearerCheck Check(HttpContext http, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(http);
        retryAfter = TimeSpan.Zero;
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return BearerCheck.Absent;
        }

        var client = ClientKey.Of(http);
        var decision = throttle.Check(client);
        if (!decision.Allowed)
        {
            retryAfter = decision.RetryAfter;
            return BearerCheck.Throttled;
        }

        if (_token.Matches(authorization["Bearer ".Length..].Trim()))
        {
            throttle.Succeeded(client);
            return BearerCheck.Valid;
        }

        throttle.Failed(client);
        return BearerCheck.Invalid;
    }
}
