namespace Lumen.Adapters.Slack;

/// <summary>One button click from a Block Kit interaction: which request, approve or reject, by which Slack user.</summary>
public sealed record SlackAction(string RequestId, bool Approve, string UserId, string? UserName);
