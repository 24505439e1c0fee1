using System.Globalization;

namespace Lumen.Core.Approvals;

/// <summary>
/// The approval rules (docs/approvals.md), as free functions of the folded state, the input and <c>now</c>:
/// only allowlisted people decide; the first decision wins and a repeat changes nothing; past its
/// expiry a request is denied; an approval counts only for the canary report it was given for.
/// </summary>
public static class ApprovalRules
{
    /// <summary>Checks a decision before anything is written.</summary>
    public static DecisionCheck Check(ApprovalBook book, ApprovalDecision decision, DateTimeOffset now, ApproverAllowlist allowlist)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(allowlist);
        var verb = decision.Approve ? "approve" : "reject";
        if (!allowlist.Allows(decision.By))
        {
            return new DecisionCheck(DecisionOutcome.NotAllowed,
                $"'{decision.By}' may not {verb} through {ApprovalLedger.ChannelName(decision.Channel)}: not on the approver allowlist", null);
        }

        if (book.Find(decision.RequestId) is not { } record)
        {
            return new DecisionCheck(DecisionOutcome.UnknownRequest, $"no approval request '{decision.RequestId}'", null);
        }

        switch (record.StatusAt(now))
        {
            case ApprovalStatus.Granted or ApprovalStatus.Rejected when record.Decision is { } earlier:
                var how = earlier.Approve ? "approved" : "rejected";
                var who = $"{how} by {earlier.By} via {ApprovalLedger.ChannelName(earlier.Channel)} at {Time(earlier.At)}";
                return earlier.Approve == decision.Approve
                    ? new DecisionCheck(DecisionOutcome.AlreadyRecorded, $"{record.Request.Id} was already {who}; nothing changed", record)
                    : new DecisionCheck(DecisionOutcome.AlreadyClosed, $"{record.Request.Id} was already {who}; this {verb} changes nothing", record);
            case ApprovalStatus.Expired:
                return new DecisionCheck(DecisionOutcome.Expired,
                    $"{record.Request.Id} expired at {Time(record.Request.ExpiresAt)} (default deny); request a new approval", record);
            case ApprovalStatus.Pending:
                return new DecisionCheck(DecisionOutcome.Accept, $"{record.Request.Id} {(decision.Approve ? "approved" : "rejected")} by {decision.By}", record);
            default:
                return new DecisionCheck(DecisionOutcome.AlreadyClosed, $"{record.Request.Id} is closed ({record.Status}); nothing changed", record);
        }
    }

    /// <summary>
    /// The gate for a promotion whose current canary report has <paramref name="currentReportSha256"/>.
    /// <paramref name="record"/> is the request found for the plan (or null).
    /// </summary>
    public static ApprovalGate Gate(ApprovalRecord? record, DateTimeOffset now, string currentReportSha256)
    {
        if (record is null)
        {
            return new ApprovalGate(GateOutcome.NotRequested, "no approval has been requested for this plan", null);
        }

        var id = record.Request.Id;
        return record.StatusAt(now) switch
        {
            ApprovalStatus.Granted when !string.Equals(record.Request.ReportSha256, currentReportSha256, StringComparison.OrdinalIgnoreCase) =>
                new ApprovalGate(GateOutcome.Void,
                    $"{id} was approved for canary report {Short(record.Request.ReportSha256)}, but the current report is {Short(currentReportSha256)}: the evidence changed, so the approval is void", record),
            ApprovalStatus.Granted =>
                new ApprovalGate(GateOutcome.Approved, $"{id} approved by {record.Decision?.By} via {ApprovalLedger.ChannelName(record.Decision!.Channel)}", record),
            ApprovalStatus.Rejected =>
                new ApprovalGate(GateOutcome.Rejected, $"{id} was rejected by {record.Decision?.By}{(record.Decision?.Reason is { Length: > 0 } r ? $": {r}" : "")}", record),
            ApprovalStatus.Expired =>
                new ApprovalGate(GateOutcome.Expired, $"{id} expired at {Time(record.Request.ExpiresAt)} without a decision (default deny)", record),
            _ => new ApprovalGate(GateOutcome.Waiting, $"waiting for approval {id} (expires {Time(record.Request.ExpiresAt)})", record),
        };
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
