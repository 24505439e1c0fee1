using System.Text;
using Lumen.Adapters.Slack;
using Lumen.Core.Approvals;
using Lumen.Runtime.Approvals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lumen.Web.Slack;

/// <summary>
/// <c>POST /slack/interactions</c>: the Request URL of the Slack app's interactivity. Checks, in
/// order: body size, v0 signature and timestamp (401 when forged, stale or missing), the payload
/// (400), then hands the click to <see cref="ApprovalService"/>, which applies the allowlist and
/// makes a replay or second click change nothing. Slack expects an answer within 3 s: the endpoint
/// waits at most <see cref="SlackEndpointOptions.AnswerWithin"/> for the ledger write, then answers
/// 200 while the write finishes.
/// </summary>
public static class SlackInteractionsEndpoint
{
    public static IEndpointRouteBuilder MapSlackInteractions(this IEndpointRouteBuilder endpoints, SlackEndpointOptions options,
        ApprovalService approvals, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(approvals);
        var log = logger ?? NullLogger.Instance;
        var verifier = new SlackSignatureVerifier(options.SigningSecret, approvals.Time);

        endpoints.MapPost(SlackEndpointOptions.Path, async (HttpContext http) =>
        {
            var body = await ReadBodyAsync(http.Request, http.RequestAborted);
            if (body is null)
            {
                SlackLog.Refused(log, "body too large");
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            var verdict = verifier.Verify(http.Request.Headers[SlackSignatureVerifier.TimestampHeader].ToString(),
                http.Request.Headers[SlackSignatureVerifier.SignatureHeader].ToString(), body);
            if (verdict != SlackVerification.Valid)
            {
                SlackLog.Refused(log, verdict.ToString().ToLowerInvariant() + " signature");
                return Results.Text($"refused: {verdict.ToString().ToLowerInvariant()} signature\n", statusCode: StatusCodes.Status401Unauthorized);
            }

            if (SlackInteractionParser.Parse(Encoding.UTF8.GetString(body), out var error) is not { } action)
            {
                SlackLog.Refused(log, error ?? "bad payload");
                return Results.Text($"refused: {error}\n", statusCode: StatusCodes.Status400BadRequest);
            }

            var decision = new ApprovalDecision(action.RequestId, action.Approve, action.UserId, ApprovalChannel.Slack, approvals.Time.GetUtcNow(),
                action.UserName is { Length: > 0 } n ? $"slack user {n}" : null);
            // Not the request's token: once the click is accepted, the write must finish even if Slack hangs up.
            var decide = approvals.DecideAsync(decision, options.AllowedUsers, CancellationToken.None);
            var first = await Task.WhenAny(decide, Task.Delay(options.AnswerWithin, approvals.Time, http.RequestAborted)).ConfigureAwait(false);
            if (first != decide)
            {
                SlackLog.Slow(log, action.RequestId, options.AnswerWithin.TotalSeconds);
                return Results.Text($"{action.RequestId}: received, recording…\n");
            }

            var check = await decide;
            SlackLog.Decided(log, action.RequestId, action.UserId, check.Outcome.ToString());
            return check.Outcome == DecisionOutcome.NotAllowed
                ? Results.Text(check.Message + "\n", statusCode: StatusCodes.Status403Forbidden)
                : Results.Text(check.Message + "\n");
        });
        return endpoints;
    }

    /// <summary>The raw bytes (the signature covers them exactly), or null above the size limit.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > SlackEndpointOptions.MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > SlackEndpointOptions.MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
