using Lumen.Core.Approvals;
using Lumen.Runtime.Approvals;
using Lumen.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lumen.Web.Console;

/// <summary>
/// The web console as an endpoint module: <c>app.MapLumenConsole(options, approvals)</c> in
/// <c>lumen run</c>'s host. Routes under <c>/console</c>: GET the page (or the sign-in form), POST
/// login/logout, POST <c>approvals/{id}/approve|reject</c>. Every POST is first checked for a
/// cross-site origin (403) and read as a bounded form (400/413/415); sign-in and bearer attempts are
/// throttled (429 with Retry-After). POSTs redirect back (303) so a reload never resubmits a decision.
/// </summary>
public static class ConsoleEndpoints
{
    public static IEndpointRouteBuilder MapLumenConsole(this IEndpointRouteBuilder endpoints, ConsoleOptions options, ApprovalService approvals,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(approvals);
        var log = logger ?? NullLogger.Instance;
        var throttle = new AttemptThrottle(options.Throttle, approvals.Time);
        endpoints.ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopped.Register(throttle.Dispose);
        var auth = new ConsoleAuth(options.Token, new ConsoleSessions(approvals.Time, options.SessionLifetime, options.SessionIdle), throttle);
        var root = ConsoleOptions.PathBase;

        endpoints.MapGet(root, async (HttpContext http, string? r, string? id) =>
        {
            if (auth.FromCookie(http.Request) is not { Session: { } session })
            {
                return Page(http, ConsolePage.Login(null), StatusCodes.Status200OK);
            }

            var ct = http.RequestAborted;
            var view = new ConsoleView(session.Name, session.Csrf, options.Stage, approvals.Time.GetUtcNow(),
                await approvals.BookAsync(ct), await approvals.AdjustmentsAsync(ct), options.Services,
                ConsoleReport.TryRead(options.CanaryReportPath), await approvals.TailAsync(ct), Message(r, id))
            {
                Mappers = options.MapperStatus?.Invoke() ?? new Dictionary<string, string>(),
                Fleet = options.FleetStatus?.Invoke(),
            };
            return Page(http, ConsolePage.Dashboard(view), StatusCodes.Status200OK);
        });

        endpoints.MapPost(root + "/login", async (HttpContext http) =>
        {
            var client = ClientKey.Of(http);
            if (Refusal(http, options, log) is { } refused)
            {
                return refused;
            }

            var decision = throttle.Check(client);
            if (!decision.Allowed)
            {
                ConsoleLog.Throttled(log, client, new TooManyRequestsResult(decision.RetryAfter).RetryAfterSeconds);
                return new TooManyRequestsResult(decision.RetryAfter);
            }

            var read = await BoundedForm.ReadAsync(http.Request, options.Forms, http.RequestAborted);
            if (read.Form is not { } form)
            {
                return Refuse(http, log, read.Status, read.Problem!);
            }

            if (!auth.TokenMatches(form["token"].ToString()))
            {
                var lockout = throttle.Failed(client);
                ConsoleLog.SignInFailed(log, client, lockout.TotalSeconds);
                return Page(http, ConsolePage.Login("Wrong token."), StatusCodes.Status401Unauthorized);
            }

            throttle.Succeeded(client);
            if (ConsoleAuth.ValidName(form["name"].ToString()) is not { } name)
            {
                return Page(http, ConsolePage.Login("A name may hold only letters, digits, '.', '_', '-', '@' (at most 64)."), StatusCodes.Status400BadRequest);
            }

            if (auth.FromCookie(http.Request) is { Session: { } previous })
            {
                auth.Sessions.Revoke(previous);
            }

            var (_, cookie) = auth.Sessions.Create(name);
            http.Response.Cookies.Append(ConsoleAuth.CookieName, cookie, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = root,
                MaxAge = options.SessionLifetime,
            });
            ConsoleLog.SignedIn(log, name, client);
            return SeeOther(root);
        });

        endpoints.MapPost(root + "/logout", async (HttpContext http) =>
        {
            if (Refusal(http, options, log) is { } refused)
            {
                return refused;
            }

            var read = await BoundedForm.ReadAsync(http.Request, options.Forms, http.RequestAborted);
            if (read.Form is not { } form)
            {
                return Refuse(http, log, read.Status, read.Problem!);
            }

            if (auth.FromCookie(http.Request) is not { Session: { } session })
            {
                return SeeOther(root);
            }

            if (!ConsoleAuth.CsrfMatches(session, form["csrf"].ToString()))
            {
                return Refuse(http, log, StatusCodes.Status403Forbidden, "missing or wrong CSRF field");
            }

            auth.Sessions.Revoke(session);
            http.Response.Cookies.Delete(ConsoleAuth.CookieName, new CookieOptions { Path = root });
            ConsoleLog.SignedOut(log, session.Name);
            return SeeOther(root);
        });

        endpoints.MapPost(root + "/approvals/{id}/{verb}", async (HttpContext http, string id, string verb) =>
        {
            if (Refusal(http, options, log) is { } refused)
            {
                return refused;
            }

            ConsolePrincipal? principal;
            switch (auth.Bearer.Check(http, out var retryAfter))
            {
                case BearerCheck.Throttled:
                    ConsoleLog.Throttled(log, ClientKey.Of(http), new TooManyRequestsResult(retryAfter).RetryAfterSeconds);
                    return new TooManyRequestsResult(retryAfter);
                case BearerCheck.Invalid:
                    return Refuse(http, log, StatusCodes.Status401Unauthorized, "wrong bearer token");
                case BearerCheck.Valid:
                    principal = ConsoleAuth.ValidName(http.Request.Headers[ConsoleAuth.ApproverHeader].ToString()) is { } n ? new ConsolePrincipal(n, null) : null;
                    break;
                default:
                    principal = auth.FromCookie(http.Request);
                    break;
            }

            if (principal is null)
            {
                return Results.Text("sign in first\n", statusCode: StatusCodes.Status401Unauthorized);
            }

            FormRead? read = null;
            if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0 || http.Request.HasFormContentType)
            {
                read = await BoundedForm.ReadAsync(http.Request, options.Forms, http.RequestAborted);
                if (!read.IsOk)
                {
                    return Refuse(http, log, read.Status, read.Problem!);
                }
            }

            var form = read?.Form;
            if (principal.Session is { } session && !ConsoleAuth.CsrfMatches(session, form?["csrf"].ToString()))
            {
                return Refuse(http, log, StatusCodes.Status403Forbidden, "missing or wrong CSRF field");
            }

            if (verb is not ("approve" or "reject") || !ApprovalIds.IsWellFormed(id))
            {
                return Results.NotFound();
            }

            var reason = form?["reason"].ToString() is { Length: > 0 } text ? text[..Math.Min(200, text.Length)] : null;
            var decision = new ApprovalDecision(id, verb == "approve", principal.Name, ApprovalChannel.Console, approvals.Time.GetUtcNow(), reason);
            var check = await approvals.DecideAsync(decision, options.Approvers, http.RequestAborted);
            if (principal.ViaBearer)
            {
                var status = check.IsSuccess ? StatusCodes.Status200OK
                    : check.Outcome == DecisionOutcome.NotAllowed ? StatusCodes.Status403Forbidden
                    : check.Outcome == DecisionOutcome.UnknownRequest ? StatusCodes.Status404NotFound
                    : StatusCodes.Status409Conflict;
                return Results.Text(check.Message + "\n", statusCode: status);
            }

            return SeeOther($"{root}?r={check.Outcome}&id={Uri.EscapeDataString(id)}");
        });

        return endpoints;
    }

    /// <summary>403 for a cross-site POST (checked before anything else).</summary>
    private static IResult? Refusal(HttpContext http, ConsoleOptions options, ILogger log) =>
        SameOrigin.IsCrossSite(http.Request, options.AllowedOrigins)
            ? Refuse(http, log, StatusCodes.Status403Forbidden, "cross-site request (Origin / Sec-Fetch-Site)")
            : null;

    private static IResult Refuse(HttpContext http, ILogger log, int status, string reason)
    {
        ConsoleLog.Refused(log, http.Request.Method, http.Request.Path.Value ?? "", ClientKey.Of(http), status, reason);
        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            // The rest of an oversized body is not read; the connection is not reused.
            http.Response.Headers.Connection = "close";
        }

        return Results.Text($"refused: {reason}\n", statusCode: status);
    }

    // The message shown after a POST is chosen from fixed texts by outcome, so a crafted link cannot put words on the page.
    private static string? Message(string? outcome, string? id)
    {
        if (!Enum.TryParse<DecisionOutcome>(outcome, out var o) || !ApprovalIds.IsWellFormed(id))
        {
            return null;
        }

        return o switch
        {
            DecisionOutcome.Accept => $"{id}: your decision is recorded in the ledger.",
            DecisionOutcome.AlreadyRecorded => $"{id}: this decision was already recorded; nothing changed.",
            DecisionOutcome.AlreadyClosed => $"{id}: already decided otherwise; nothing changed.",
            DecisionOutcome.Expired => $"{id}: expired (no answer means no); nothing changed.",
            DecisionOutcome.NotAllowed => $"{id}: you are not on the approver allowlist (LUMEN_APPROVERS); nothing changed.",
            _ => $"{id}: no such request.",
        };
    }

    private static IResult SeeOther(string location) => new SeeOtherResult(location);

    private static IResult Page(HttpContext http, string html, int status)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        // same-origin, not no-referrer: under no-referrer browsers send "Origin: null" on the page's own
        // form posts, which the cross-site check must refuse. Other sites still get no referrer.
        headers["Referrer-Policy"] = "same-origin";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
