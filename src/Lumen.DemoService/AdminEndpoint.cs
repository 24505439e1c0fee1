using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lumen.DemoService;

/// <summary>
/// <c>GET /admin/config</c> → the knobs as a JSON object; <c>PUT /admin/config</c> with a JSON object of
/// some knobs → all of them applied (or none, with 400 and the reason), answered with the whole new
/// object. Both need <c>Authorization: Bearer TOKEN</c>; anything else is 401. This is the protocol of
/// Lumen's <c>http</c> executor (docs/executors.md). <c>PUT /admin/lease</c> with
/// <c>{"holder","ttl_seconds","token"?}</c> takes, renews (ttl &gt; 0) or releases (ttl 0) the lease on the
/// configuration → 200 with the lease, or 409 naming the current holder; a config write whose
/// <c>Lumen-Fencing-Token</c> header is older than the lease's token is refused with 409.
/// </summary>
public static class AdminEndpoint
{
    /// <summary>The header a leased writer sends with its fencing token.</summary>
    public const string FencingHeader = "Lumen-Fencing-Token";

    public static void Map(WebApplication app, OrderService orders, string? token)
    {
        ArgumentNullException.ThrowIfNull(app);
        var lease = new TargetLeaseState(TimeProvider.System);
        app.MapGet("/admin/lease", (HttpContext ctx) =>
            !Authorized(ctx, token) ? Results.Unauthorized()
            : lease.Current is { } l ? Results.Json(LeaseBody(l)) : Results.NotFound(new { error = "no lease was taken" }));
        app.MapPut("/admin/lease", async (HttpContext ctx) =>
        {
            if (!Authorized(ctx, token))
            {
                return Results.Unauthorized();
            }

            JsonObject? body;
            try
            {
                body = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted) as JsonObject;
            }
            catch (JsonException ex)
            {
                return Results.BadRequest(new { error = "the body is not JSON: " + ex.Message });
            }

            if (body?["holder"] is not JsonValue h || !h.TryGetValue<string>(out var holder) || string.IsNullOrWhiteSpace(holder) || holder.Length > 256
                || !TryNumber(body["ttl_seconds"], out var ttl) || ttl < 0 || ttl > 86_400)
            {
                return Results.BadRequest(new { error = "expected {\"holder\": \"…\", \"ttl_seconds\": 0..86400, \"token\": N (optional)}" });
            }

            long? leaseToken = body["token"] is JsonValue t && t.TryGetValue<long>(out var n) ? n : null;
            var (granted, current, previous) = lease.Put(holder, ttl, leaseToken);
            return granted
                ? Results.Json(current is null ? [] : LeaseBody(current, previous))
                : Results.Json(LeaseBody(current!), statusCode: StatusCodes.Status409Conflict);
        });
        app.MapGet("/admin/config", (HttpContext ctx) =>
            Authorized(ctx, token) ? Results.Json(orders.Knobs) : Results.Unauthorized());
        app.MapPut("/admin/config", async (HttpContext ctx) =>
        {
            if (!Authorized(ctx, token))
            {
                return Results.Unauthorized();
            }

            if (ctx.Request.Headers.TryGetValue(FencingHeader, out var fence))
            {
                if (!long.TryParse(fence.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var fencing))
                {
                    return Results.BadRequest(new { error = $"{FencingHeader} must be a whole number" });
                }

                if (lease.Fenced(fencing) is { } stale)
                {
                    return Results.Json(new { error = stale }, statusCode: StatusCodes.Status409Conflict);
                }
            }

            JsonObject? body;
            try
            {
                body = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted) as JsonObject;
            }
            catch (JsonException ex)
            {
                return Results.BadRequest(new { error = "the body is not JSON: " + ex.Message });
            }

            if (body is null)
            {
                return Results.BadRequest(new { error = "expected a JSON object of knob values" });
            }

            var knobs = orders.Knobs;
            foreach (var (name, node) in body)
            {
                if (!TryNumber(node, out var value))
                {
                    return Results.BadRequest(new { error = $"{name} must be a number" });
                }

                var (next, error) = knobs.With(name, value);
                if (next is null)
                {
                    return Results.BadRequest(new { error });
                }

                knobs = next;
            }

            orders.SetKnobs(knobs);
            return Results.Json(knobs);
        });
    }

    private static Dictionary<string, object> LeaseBody(TargetLeaseState.Lease l, TargetLeaseState.Lease? previous = null)
    {
        var body = new Dictionary<string, object>
        {
            ["holder"] = l.Holder,
            ["token"] = l.Token,
            ["acquired_at"] = Time(l.AcquiredAt),
            ["expires_at"] = Time(l.ExpiresAt),
        };
        if (previous is not null)
        {
            body["previous"] = new Dictionary<string, object>
            {
                ["holder"] = previous.Holder,
                ["token"] = previous.Token,
                ["acquired_at"] = Time(previous.AcquiredAt),
                ["expires_at"] = Time(previous.ExpiresAt),
            };
        }

        return body;
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static bool Authorized(HttpContext ctx, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        var header = ctx.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(header[prefix.Length..].Trim()),
            Encoding.UTF8.GetBytes(token));
    }

    private static bool TryNumber(JsonNode? node, out double value)
    {
        value = double.NaN;
        if (node is not JsonValue v)
        {
            return false;
        }

        if (v.TryGetValue<double>(out value))
        {
            return double.IsFinite(value);
        }

        return v.TryGetValue<string>(out var s)
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }
}
