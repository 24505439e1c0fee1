using System.Globalization;
using System.Threading.RateLimiting;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Runtime.Approvals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lumen.Web.Rollouts;

/// <summary>
/// Lumen's canary judge and approval gate for Flagger and Argo Rollouts, as an endpoint module of
/// <c>lumen run</c>'s host (docs/rollout-tools.md). POST, JSON body in Flagger's webhook format:
/// <list type="bullet">
/// <item><c>/rollouts/flagger/judge</c> (a <c>rollout</c> hook): 200 pass, 202 not decided yet, 412 fail or final inconclusive.</item>
/// <item><c>/rollouts/flagger/confirm-promotion</c>: 200 only for a passing report of this revision, approved where the stage requires it; else 409.</item>
/// <item><c>/rollouts/argo/judge</c> and <c>/rollouts/argo/confirm-promotion</c> (the web metric provider): 200 with the answer whenever
/// Lumen could answer; the AnalysisTemplate's conditions read <c>decision</c>, <c>final</c> and <c>promote</c>.</item>
/// </list>
/// Everywhere: 401 without the token, 400 for a bad body, 404 for a rollout no service maps, 429 over the rate
/// limit, 503 when Prometheus fails (Flagger counts a failed check and asks again, Argo records an error and
/// retries); none of these is ever a pass. Register the limiter with <see cref="AddLumenRollouts"/> and call
/// <c>app.UseRateLimiter()</c> before mapping.
/// </summary>
public static class RolloutEndpoints
{
    public static IServiceCollection AddLumenRollouts(this IServiceCollection services, int permitsPerMinute)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(RolloutOptions.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapLumenRollouts(this IEndpointRouteBuilder endpoints, RolloutOptions options, ILedgerStore ledger,
        ApprovalService approvals, HttpClient prometheusHttp, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        var auth = new RolloutAuth(options.Token);
        var judge = new RolloutJudge(options, ledger, prometheusHttp, approvals.Time);
        var gate = new RolloutPromotionGate(options, approvals);
        var group = endpoints.MapGroup(RolloutOptions.PathBase).RequireRateLimiting(RolloutOptions.RateLimitPolicy);
        foreach (var tool in new[] { RolloutTool.Flagger, RolloutTool.Argo })
        {
            group.MapPost($"/{ToolName(tool)}/judge", (HttpContext http) =>
                HandleAsync(http, tool, options, auth, logger, judge.JudgeAsync));
            group.MapPost($"/{ToolName(tool)}/confirm-promotion", (HttpContext http) =>
                HandleAsync(http, tool, options, auth, logger, gate.ConfirmAsync));
        }

        return endpoints;
    }

    internal static string ToolName(RolloutTool tool) => tool.ToString().ToLowerInvariant();

    /// <summary>Authenticate → parse → map to a service → act → answer.</summary>
    private static async Task HandleAsync(HttpContext http, RolloutTool tool, RolloutOptions options, RolloutAuth auth, ILogger logger,
        Func<RolloutTool, ServiceConfig, RolloutPayload, CancellationToken, Task<RolloutAnswer>> act)
    {
        var toolName = ToolName(tool);
        var path = http.Request.Path.ToString();
        var stage = options.Stage.Name;
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        var (payload, parseError) = body is null ? (null, $"the body is larger than {RolloutPayload.MaxBytes} bytes") : RolloutPayload.Parse(body);
        if (!auth.Allows(http.Request, payload))
        {
            // Checked before anything about the body is told: an unauthenticated caller learns nothing.
            await AnswerAsync(http, logger, path, null, RolloutAnswer.Error(StatusCodes.Status401Unauthorized, toolName, null, stage,
                "missing or wrong token: send Authorization: Bearer TOKEN (or, from Flagger, metadata.token)")).ConfigureAwait(false);
            return;
        }

        if (payload is null)
        {
            await AnswerAsync(http, logger, path, null, RolloutAnswer.Error(StatusCodes.Status400BadRequest, toolName, null, stage, parseError!)).ConfigureAwait(false);
            return;
        }

        var target = new RolloutRef(tool, payload.Namespace, payload.Name);
        if (options.Services.FindRollout(tool, payload.Namespace, payload.Name) is not { } service)
        {
            await AnswerAsync(http, logger, path, target, RolloutAnswer.Error(StatusCodes.Status404NotFound, toolName, null, stage,
                $"no service maps {target}: add {payload.Namespace}/{payload.Name} under a service's rollout.{toolName} in services.yaml")).ConfigureAwait(false);
            return;
        }

        RolloutAnswer answer;
        try
        {
            answer = await act(tool, service, payload, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            answer = RolloutAnswer.Error(StatusCodes.Status503ServiceUnavailable, toolName, service.Name, stage,
                $"the report or the ledger could not be written ({e.GetType().Name}); no decision, ask again");
        }

        await AnswerAsync(http, logger, path, target, answer).ConfigureAwait(false);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > RolloutPayload.MaxBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static async Task AnswerAsync(HttpContext http, ILogger logger, string path, RolloutRef? target, RolloutAnswer answer)
    {
        if (answer.Status is StatusCodes.Status401Unauthorized or StatusCodes.Status400BadRequest or StatusCodes.Status404NotFound)
        {
            RolloutLog.Refused(logger, path, answer.Status, answer.Reasons.FirstOrDefault() ?? "");
        }
        else
        {
            RolloutLog.Answered(logger, path, target?.ToString() ?? "", answer.Service ?? "", answer.Decision, answer.Final, answer.Status);
        }

        http.Response.Headers.CacheControl = "no-store";
        if (answer.Status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = 30.ToString(CultureInfo.InvariantCulture);
        }

        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(answer.ToUtf8(), http.RequestAborted).ConfigureAwait(false);
    }
}
