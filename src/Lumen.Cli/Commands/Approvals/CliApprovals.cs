using Lumen.Adapters.Config;
using Lumen.Adapters.LedgerStore;
using Lumen.Adapters.Slack;
using Lumen.Cli.Commands.Ledger;
using Lumen.Core.Approvals;
using Lumen.Core.Policy;

namespace Lumen.Cli.Commands.Approvals;

/// <summary>
/// What the approval commands share: the ledger (read-only for listing, as its writer for
/// decisions), the approver allowlist, the approver's name, and the Slack channel when configured.
/// </summary>
internal static class CliApprovals
{
    public const string ApproversVariable = "LUMEN_APPROVERS";

    /// <summary>CLI and console approvers: <c>LUMEN_APPROVERS</c>; anyone with shell access when unset (docs/approvals.md).</summary>
    public static ApproverAllowlist Approvers(IEnvironmentVariables env) =>
        ApproverAllowlist.Parse(env.Get(ApproversVariable), ApproverAllowlist.Anyone);

    public static string Name(string? option, IEnvironmentVariables env) =>
        option is { Length: > 0 } name ? name : env.Get("USER") is { Length: > 0 } user ? user : Environment.UserName;

    /// <summary>The book folded from the ledger file without opening it for writing (nothing is appended).</summary>
    public static ApprovalBook ReadBook(string ledgerPath) =>
        File.Exists(ledgerPath)
            ? ApprovalBook.Empty.ApplyAll(LedgerFileReader.Read(ledgerPath).Where(l => l.Entry is not null).Select(l => l.Entry!))
            : ApprovalBook.Empty;

    public static Task<FileLedgerStore> OpenAsync(IEnvironmentVariables env, string? ledgerFile, string actor, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = LedgerLocation.StoreOptions(env) with { Actor = actor };
        if (ledgerFile is not null)
        {
            options = options with { LedgerPath = ledgerFile, HeadPath = null };
        }

        return FileLedgerStore.OpenAsync(options, time, cancellationToken);
    }

    /// <summary>The Slack channel when the stage's webhook variable (or LUMEN_SLACK_WEBHOOK_URL) is set; a plain HttpClient logs nothing.</summary>
    public static (IApprovalChannel? Channel, string? Error) Slack(IEnvironmentVariables env, StageConfig stage, HttpClient client)
    {
        var name = stage.Endpoints.SlackWebhookEnv ?? SlackWebhookChannel.WebhookVariable;
        var secret = new SecretReader(env).Read(name);
        if (secret.IsError)
        {
            return (null, secret.Error);
        }

        if (!secret.IsSet)
        {
            return (null, null);
        }

        return Uri.TryCreate(secret.Value, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
            ? (new SlackWebhookChannel(client, url), null)
            : (null, $"{name} is not an absolute http(s) URL (value hidden)");
    }
}
