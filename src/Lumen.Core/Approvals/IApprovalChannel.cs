namespace Lumen.Core.Approvals;

/// <summary>
/// Where a new approval request is announced (Slack; the console and <c>lumen approvals list</c>
/// read the ledger and need no push). A failed announcement is a value: the request stands in the
/// ledger and can still be decided through the other channels.
/// </summary>
public interface IApprovalChannel
{
    string Name { get; }

    Task<ChannelResult> NotifyAsync(ApprovalRequest request, CancellationToken cancellationToken);
}
