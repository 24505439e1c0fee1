using Lumen.Core.Approvals;
using Lumen.Runtime.Approvals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lumen.Web.Console;

/// <summary>
/// The web console as an endpoint module: <c>app.MapLumenConsole(options, approvals)</c> in
/// <c>lumen run</c>'s host. Routes under <c>/console</c>: GET the page (or the sign-in form), POST
/// login/logout, POST <c>approvals/{id}/approve|reject</c>. POSTs redirect back (303) so a reload
/// never resubmits a decision.
/// </summary>
public static class ConsoleEndpoints
{
    public static IEndpointRouteBuilder MapLumenConsole(this IEndpointRouteBuilder endpoints, ConsoleOptions options, ApprovalService approvals)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(approvals);
        var auth = new ConsoleAuth(options.Token);
        var root = ConsoleOptions.PathBase;

        endpoints.MapGet(root, async (HttpContext http, string? r, string? id) =>
        {
            if (auth.Approver(http.Request, out _) is not { } name)
            {
                return Page(http, ConsolePage.Login(null), StatusCodes.Status200OK);
            }

            var ct = http.RequestAborted;
            var view = new ConsoleView(name, auth.Csrf(name), options.Stage, approvals.Time.GetUtcNow(),
                await approvals.BookAsync(ct), await approvals.AdjustmentsAsync(ct), options.Services,
                ConsoleReport.TryRead(options.CanaryReportPath), await approvals.TailAsync(ct), Message(r, id))
            {
                Mappers = options.MapperStatus?.Invoke() ?? new Dictionary<string, string>(),
            };
            return Page(http, ConsolePage.Dashboard(view), StatusCodes.Status200OK);
        });

        endpoints.MapPost(root + "/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var name = ConsoleAuth.ValidName(form["name"].ToString());
            if (name is null || !auth.TokenMatches(form["token"].ToString()))
            {
                return Page(http, ConsolePage.Login("Wrong token, or a name with characters other than letters, digits, '.', '_', '-', '@'."), StatusCodes.Status401Unauthorized);
            }

            http.Response.Cookies.Append(ConsoleAuth.CookieName, auth.SessionValue(name), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = root,
                MaxAge = TimeSpan.FromHours(12),
            });
            return SeeOther(root);
        });

        endpoints.MapPost(root + "/logout", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (auth.Approver(http.Request, out _) is { } name && auth.CsrfMatches(name, form["csrf"].ToString()))
            {
                http.Response.Cookies.Delete(ConsoleAuth.CookieName, new CookieOptions { Path = root });
            }

            return SeeOther(root);
        });

        endpoints.MapPost(root + "/approvals/{id}/{verb}", async (HttpContext http, string id, string verb) =>
        {
            if (auth.Approver(http.Request, out var viaBearer) is not { } name)
            {
                return Results.Text("sign in first\n", statusCode: StatusCodes.Status401Unauthorized);
            }

            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
            if (!viaBearer && !auth.CsrfMatches(name, form?["csrf"].ToString()))
            {
                return Results.Text("missing or wrong CSRF field\n", statusCode: StatusCodes.Status403Forbidden);
            }

            if (verb is not ("approve" or "reject") || !ApprovalIds.IsWellFormed(id))
            {
                return Results.NotFound();
            }

            var reason = form?["reason"].ToString() is { Length: > 0 } text ? text[..Math.Min(200, text.Length)] : null;
            var decision = new ApprovalDecision(id, verb == "approve", name, ApprovalChannel.Console, approvals.Time.GetUtcNow(), reason);
            var check = await approvals.DecideAsync(decision, options.Approvers, http.RequestAborted);
            if (viaBearer)
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
        headers["Referrer-Policy"] = "no-referrer";
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
