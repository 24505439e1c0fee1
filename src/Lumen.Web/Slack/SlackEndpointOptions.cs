using Lumen.Core.Approvals;

namespace Lumen.Web.Slack;

/// <summary>What <c>/slack/interactions</c> needs.</summary>
/// <param name="SigningSecret">The Slack app's signing secret (<c>LUMEN_SLACK_SIGNING_SECRET</c> or <c>_FILE</c>).</param>
/// <param name="AllowedUsers">Slack user ids allowed to decide (<c>LUMEN_SLACK_ALLOWED_USERS</c>; nobody when unset).</param>
/// <param name="AnswerWithin">How long the endpoint waits for the ledger write before answering anyway (Slack wants an answer within 3 s).</param>
public sealed record SlackEndpointOptions(byte[] SigningSecret, ApproverAllowlist AllowedUsers, TimeSpan AnswerWithin)
{
    public const string Path = "/slack/interactions";
    public const string SigningSecretVariable = "LUMEN_SLACK_SIGNING_SECRET";
    public const string AllowedUsersVariable = "LUMEN_SLACK_ALLOWED_USERS";
    public const int MaxBodyBytes = 64 * 1024;

    public override string ToString() => $"slack interactions (secret hidden, allowed: {AllowedUsers})";
}
