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
/// <c>Lumen-Fencing-Token</c> header is older than the lease's token is refused with 409. A config write
/// with <c>Lumen-Expected: knob=value</c> is applied only while the knob holds that value, checked and
/// written under one lock; otherwise 412 with <c>{"error", "knob", "current", "written_by"}</c>. The service
/// remembers who wrote its configuration last (the lease holder whose token the write carried, or
/// <see cref="UnleasedWriter"/>) and names it in the <c>Lumen-Written-By</c> header of <c>GET /admin/config</c>.
/// </summary>
public static class AdminEndpoint
{
    /// <summary>The header a leased writer sends with its fencing token.</summary>
    public const string FencingHeader = "Lumen-Fencing-Token";

    /// <summary>The precondition header of a conditional write: <c>knob=value</c>.</summary>
    public const string ExpectedHeader = "Lumen-Expected";

    /// <summary>The answer header naming who wrote the configuration last.</summary>
    public const string WrittenByHeader = "Lumen-Written-By";

    /// <summary>Who wrote a configuration without a fencing token (a person with curl, a script).</summary>
    public const string UnleasedWriter = "a writer without a lease (no Lumen-Fencing-Token)";

    /// <summary>Who set the configuration before any write.</summary>
    public const string StartUp = "the service's start-up configuration";

    /// <summary>Maps <c>/admin/config</c> and <c>/admin/lease</c> onto <paramref name="app"/>.</summary>
    /// <param name="time">The clock the lease's expiry is read against (the process's, from <see cref="DemoApp.Build"/>).</param>
    public static void Map(WebApplication app, OrderService orders, string? token, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(app);
        var lease = new TargetLeaseState(time);
        var writes = new Lock();
        var writtenBy = StartUp;
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
        {
            if (!Authorized(ctx, token))
            {
                return Results.Unauthorized();
            }

            lock (writes)
            {
                ctx.Response.Headers[WrittenByHeader] = writtenBy;
                return Results.Json(orders.Knobs);
            }
        });
        app.MapPut("/admin/config", async (HttpContext ctx) =>
        {
            if (!Authorized(ctx, token))
            {
                return Results.Unauthorized();
            }

            long? fencing = null;
            if (ctx.Request.Headers.TryGetValue(FencingHeader, out var fence))
            {
                if (!long.TryParse(fence.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var f))
                {
                    return Results.BadRequest(new { error = $"{FencingHeader} must be a whole number" });
                }

                fencing = f;
            }

            (string Knob, double Value)? expected = null;
            if (ctx.Request.Headers.TryGetValue(ExpectedHeader, out var expect))
            {
                var text = expect.ToString();
                var eq = text.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || !double.TryParse(text[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var ev) || !double.IsFinite(ev))
                {
                    return Results.BadRequest(new { error = $"{ExpectedHeader} must be knob=number" });
                }

                expected = (text[..eq].Trim(), ev);
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

            lock (writes)
            {
                if (fencing is { } n && lease.Fenced(n) is { } stale)
                {
                    return Results.Json(new { error = stale }, statusCode: StatusCodes.Status409Conflict);
                }

                var knobs = orders.Knobs;
                if (expected is { } x)
                {
                    if (knobs.Value(x.Knob) is not { } current)
                    {
                        return Results.BadRequest(new { error = $"{ExpectedHeader}: unknown knob '{x.Knob}'" });
                    }

                    if (current != x.Value)
                    {
                        return Results.Json(new Dictionary<string, object>
                        {
                            ["error"] = $"{x.Knob} holds {current.ToString(CultureInfo.InvariantCulture)}, not {x.Value.ToString(CultureInfo.InvariantCulture)}",
                            ["knob"] = x.Knob,
                            ["current"] = current,
                            ["written_by"] = writtenBy,
                        }, statusCode: StatusCodes.Status412PreconditionFailed);
                    }
                }

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
                writtenBy = fencing is { } t && lease.Current is { } holder && holder.Token == t ? holder.Holder : UnleasedWriter;
                ctx.Response.Headers[WrittenByHeader] = writtenBy;
                return Results.Json(knobs);
            }
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
