using System.Collections.Immutable;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;

namespace Lumen.Core.Approvals;

/// <summary>
/// Every approval request and its state, folded from the ledger (the ledger is the source of truth;
/// docs/ledger.md). The first decision or expiry closes a request; later entries for it change nothing.
/// </summary>
public sealed record ApprovalBook(ImmutableDictionary<string, ApprovalRecord> Records, ImmutableList<string> Order)
{
    public static ApprovalBook Empty { get; } = new(ImmutableDictionary<string, ApprovalRecord>.Empty.WithComparers(StringComparer.Ordinal), []);

    public ApprovalRecord? Find(string id) => Records.GetValueOrDefault(id);

    /// <summary>All requests, newest first.</summary>
    public IEnumerable<ApprovalRecord> Newest() => Order.Reverse().Select(id => Records[id]);

    /// <summary>Requests still waiting at <paramref name="now"/> (pending and not past expiry), newest first.</summary>
    public IEnumerable<ApprovalRecord> Pending(DateTimeOffset now) => Newest().Where(r => r.StatusAt(now) == ApprovalStatus.Pending);

    /// <summary>Requests past expiry whose <c>approval.expired</c> entry is not written yet.</summary>
    public IEnumerable<ApprovalRecord> ExpiredUnrecorded(DateTimeOffset now) =>
        Newest().Where(r => r.Status == ApprovalStatus.Pending && now >= r.Request.ExpiresAt);

    /// <summary>The newest request for the same plan (stage, service, report hash and changes), if any.</summary>
    public ApprovalRecord? FindPlan(string stage, string service, string reportSha256, IReadOnlyList<PlannedChange> changes) =>
        Newest().FirstOrDefault(r => r.Request.SamePlan(stage, service, reportSha256, changes));

    public ApprovalBook ApplyAll(IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Aggregate(this, (book, entry) => book.Apply(entry));
    }

    public ApprovalBook Apply(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        switch (entry.Kind)
        {
            case LedgerKinds.ApprovalRequested:
                return ApprovalLedger.ReadRequest(entry) is { } request && !Records.ContainsKey(request.Id)
                    ? new ApprovalBook(Records.Add(request.Id, new ApprovalRecord(request, ApprovalStatus.Pending, null, null)), Order.Add(request.Id))
                    : this;
            case LedgerKinds.ApprovalGranted or LedgerKinds.ApprovalRejected:
                return ApprovalLedger.ReadDecision(entry) is { } decision && Open(decision.RequestId) is { } open
                    ? Close(open with
                    {
                        Status = decision.Approve ? ApprovalStatus.Granted : ApprovalStatus.Rejected,
                        Decision = decision,
                        ClosedAt = entry.Ts,
                    })
                    : this;
            case LedgerKinds.ApprovalExpired:
                return entry.Data.String("request_id") is { } id && Open(id) is { } expiring
                    ? Close(expiring with { Status = ApprovalStatus.Expired, ClosedAt = entry.Ts })
                    : this;
            default:
                return this;
        }
    }

    private ApprovalRecord? Open(string id) => Find(id) is { Status: ApprovalStatus.Pending } r ? r : null;

    private ApprovalBook Close(ApprovalRecord record) => this with { Records = Records.SetItem(record.Request.Id, record) };
}
