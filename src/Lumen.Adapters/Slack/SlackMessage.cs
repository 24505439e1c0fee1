using System.Globalization;
using System.Text.Json.Nodes;
using Lumen.Core.Approvals;

namespace Lumen.Adapters.Slack;

/// <summary>
/// The Block Kit message for an approval request (https://api.slack.com/block-kit): what will change,
/// the report hash, the expiry, and Approve/Reject buttons whose action ids carry the request id.
/// </summary>
public static class SlackMessage
{
    public const string ApproveAction = "lumen_approve";
    public const string RejectAction = "lumen_reject";

    public static JsonObject Build(ApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var lines = string.Join("\n", request.Changes.Select(c =>
            $"• `{c.Knob}` on {c.Track}: {Num(c.From)} → {Num(c.To)}"));
        var summary = $"Promotion of *{Escape(request.Service)}* on *{Escape(request.Stage)}* needs approval `{request.Id}`";
        return new JsonObject
        {
            ["text"] = $"Lumen: promotion of {request.Service} on {request.Stage} needs approval {request.Id}",
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(summary) },
                new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(lines.Length > 0 ? Escape(lines) : "(no knob changes)") },
                new JsonObject
                {
                    ["type"] = "context",
                    ["elements"] = new JsonArray(Mrkdwn(
                        $"canary report sha256 `{request.ReportSha256[..Math.Min(12, request.ReportSha256.Length)]}` · expires {request.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC · no answer means no")),
                },
                new JsonObject
                {
                    ["type"] = "actions",
                    ["block_id"] = "lumen_approval",
                    ["elements"] = new JsonArray(
                        Button("Approve", ApproveAction + ":" + request.Id, "primary"),
                        Button("Reject", RejectAction + ":" + request.Id, "danger")),
                }),
        };
    }

    private static JsonObject Button(string text, string actionId, string style) => new()
    {
        ["type"] = "button",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text },
        ["action_id"] = actionId,
        ["value"] = actionId,
        ["style"] = style,
    };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    // Slack's mrkdwn control characters (https://api.slack.com/reference/surfaces/formatting#escaping).
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
