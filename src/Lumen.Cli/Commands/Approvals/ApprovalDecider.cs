using Lumen.Core.Approvals;
using Lumen.Core.Policy;
using Lumen.Runtime.Approvals;
using Spectre.Console;

namespace Lumen.Cli.Commands.Approvals;

/// <summary>
/// Records a CLI decision through <see cref="ApprovalService"/>. Exit 0 when recorded or already
/// recorded the same way (idempotent), 1 when refused (not allowlisted, expired, decided otherwise),
/// 2 for an unknown id, 5 when the ledger cannot be opened (e.g. held by a running <c>lumen run</c>:
/// decide in its console or in Slack then).
/// </summary>
internal static class ApprovalDecider
{
    public static async Task<int> RunAsync(IAnsiConsole console, IEnvironmentVariables env, TimeProvider time, ApprovalDecisionSettings settings, bool approve,
        CancellationToken cancellationToken)
    {
        if (!ApprovalIds.IsWellFormed(settings.Id))
        {
            console.MarkupLineInterpolated($"[red]error:[/] '{settings.Id}' is not an approval id (apr- and 10 hex digits; see lumen approvals list)");
            return ExitCodes.BadInput;
        }

        var name = CliApprovals.Name(settings.As, env);
        try
        {
            await using var ledger = await CliApprovals.OpenAsync(env, settings.LedgerFile, name, time, cancellationToken);
            var service = new ApprovalService(ledger, time);
            var decision = new ApprovalDecision(settings.Id, approve, name, ApprovalChannel.Cli, time.GetUtcNow(), settings.Reason);
            var check = await service.DecideAsync(decision, CliApprovals.Approvers(env), cancellationToken);
            console.WriteLine(check.Message);
            return check.Outcome switch
            {
                DecisionOutcome.Accept or DecisionOutcome.AlreadyRecorded => ExitCodes.Ok,
                DecisionOutcome.UnknownRequest => ExitCodes.BadInput,
                _ => ExitCodes.Failed,
            };
        }
        catch (IOException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitCodes.RuntimeError;
        }
    }
}
