using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lumen.Core.Leases;

namespace Lumen.Adapters.Leases;

/// <summary>
/// The lease's JSON, shared by the lease file and the demo service's <c>/admin/lease</c>:
/// <c>{"holder":"…","token":N,"acquired_at":"…","expires_at":"…"}</c> (times in UTC, ISO 8601).
/// </summary>
public static class LeaseJson
{
    public static JsonObject ToJson(TargetLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return new JsonObject
        {
            ["holder"] = lease.Holder,
            ["token"] = lease.Token,
            ["acquired_at"] = lease.AcquiredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["expires_at"] = lease.ExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The lease in <paramref name="element"/>, or null when it is not a complete lease object.</summary>
    public static TargetLease? TryRead(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("holder", out var holder) || holder.ValueKind != JsonValueKind.String
            || !element.TryGetProperty("token", out var token) || !token.TryGetInt64(out var t)
            || !element.TryGetProperty("acquired_at", out var acquired) || !acquired.TryGetDateTimeOffset(out var a)
            || !element.TryGetProperty("expires_at", out var expires) || !expires.TryGetDateTimeOffset(out var e))
        {
            return null;
        }

        return new TargetLease(holder.GetString()!, t, a, e);
    }
}
