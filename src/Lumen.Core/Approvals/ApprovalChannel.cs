namespace Lumen.Core.Approvals;

/// <summary>Where a decision came from (written to the ledger as lower case).</summary>
public enum ApprovalChannel
{
    Cli,
    Console,
    Slack,
}
