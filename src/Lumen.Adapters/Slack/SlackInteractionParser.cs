using System.Text.Json;
using Lumen.Core.Approvals;

namespace Lumen.Adapters.Slack;

/// <summary>
/// Reads an interaction POST: <c>application/x-www-form-urlencoded</c> with one field, <c>payload</c>,
/// holding JSON (https://api.slack.com/interactivity/handling#payloads). Only <c>block_actions</c>
/// with one of Lumen's action ids (<see cref="SlackMessage.ApproveAction"/>/<see cref="SlackMessage.RejectAction"/>
/// followed by ':' and a well-formed request id) are understood; anything else is an error value.
/// </summary>
public static class SlackInteractionParser
{
    public static SlackAction? Parse(string formBody, out string? error)
    {
        ArgumentNullException.ThrowIfNull(formBody);
        string? payload = null;
        foreach (var pair in formBody.Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == "payload")
            {
                payload = Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }

        if (payload is null)
        {
            error = "no payload field";
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "type") != "block_actions")
            {
                error = "not a block_actions payload";
                return null;
            }

            var userId = root.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object ? Str(user, "id") : null;
            if (string.IsNullOrEmpty(userId))
            {
                error = "no user id";
                return null;
            }

            if (!root.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() != 1)
            {
                error = "expected exactly one action";
                return null;
            }

            var actionId = Str(actions[0], "action_id") ?? string.Empty;
            var colon = actionId.IndexOf(':', StringComparison.Ordinal);
            var verb = colon > 0 ? actionId[..colon] : actionId;
            var id = colon > 0 ? actionId[(colon + 1)..] : string.Empty;
            if (verb is not (SlackMessage.ApproveAction or SlackMessage.RejectAction) || !ApprovalIds.IsWellFormed(id))
            {
                error = "unknown action";
                return null;
            }

            error = null;
            return new SlackAction(id, verb == SlackMessage.ApproveAction, userId, Str(user, "username") ?? Str(user, "name"));
        }
        catch (JsonException)
        {
            error = "payload is not JSON";
            return null;
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
