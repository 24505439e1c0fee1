using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Lumen.Web.Rollouts;

/// <summary>
/// The rollout endpoints' bearer token, compared in constant time (both sides hashed first, so the
/// length leaks nothing either). Argo's web provider sends <c>Authorization: Bearer TOKEN</c> (from a
/// Secret); Flagger's webhooks cannot send headers, so its payload may carry the token as
/// <c>metadata.token</c> instead (docs/rollout-tools.md, "Authentication").
/// </summary>
internal sealed class RolloutAuth(string token)
{
    private readonly byte[] _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public bool Allows(HttpRequest request, RolloutPayload? payload)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Matches(authorization["Bearer ".Length..].Trim());
        }

        return payload?.Metadata.GetValueOrDefault(RolloutPayload.TokenKey) is { } fromMetadata && Matches(fromMetadata);
    }

    private bool Matches(string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _hash);
}
