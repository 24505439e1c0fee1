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
/// Lumen's <c>http</c> executor (docs/executors.md).
/// </summary>
public static class AdminEndpoint
{
    public static void Map(WebApplication app, OrderService orders, string? token)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/admin/config", (HttpContext ctx) =>
            Authorized(ctx, token) ? Results.Json(orders.Knobs) : Results.Unauthorized());
        app.MapPut("/admin/config", async (HttpContext ctx) =>
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
