using System.Collections.Immutable;
using System.Text.Json;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;

namespace Lumen.Core.Approvals;

/// <summary>
/// The ledger form of requests and decisions (docs/approvals.md lists the fields). The entry's
/// <c>stage</c>, <c>service</c> and <c>actor</c> carry the target and who decided; <c>data</c> the rest.
/// </summary>
public static class ApprovalLedger
{
    public static LedgerDraft Requested(ApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new LedgerDraft(LedgerKinds.ApprovalRequested, request.Stage, request.Service, request.RequestedBy,
            LedgerData.From(new Dictionary<string, object?>
            {
                ["request_id"] = request.Id,
                ["report_sha256"] = request.ReportSha256,
                ["requested_at"] = LedgerTime.ToText(request.RequestedAt),
                ["expires_at"] = LedgerTime.ToText(request.ExpiresAt),
                ["changes"] = request.Changes.Select(c => new Dictionary<string, object?>
                {
                    ["knob"] = c.Knob, ["track"] = c.Track, ["from"] = c.From, ["to"] = c.To,
                }).ToArray(),
            }));
    }

    public static LedgerDraft Decided(ApprovalRequest request, ApprovalDecision decision)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decision);
        return new LedgerDraft(decision.Approve ? LedgerKinds.ApprovalGranted : LedgerKinds.ApprovalRejected,
            request.Stage, request.Service, decision.By,
            LedgerData.From(new Dictionary<string, object?>
            {
                ["request_id"] = request.Id,
                ["by"] = decision.By,
                ["channel"] = ChannelName(decision.Channel),
                ["report_sha256"] = request.ReportSha256,
                ["decided_at"] = LedgerTime.ToText(decision.At),
                ["reason"] = decision.Reason,
            }));
    }

    public static LedgerDraft Expired(ApprovalRequest request, string actor)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new LedgerDraft(LedgerKinds.ApprovalExpired, request.Stage, request.Service, actor,
            LedgerData.From(new Dictionary<string, object?>
            {
                ["request_id"] = request.Id,
                ["report_sha256"] = request.ReportSha256,
                ["expires_at"] = LedgerTime.ToText(request.ExpiresAt),
            }));
    }

    public static string ChannelName(ApprovalChannel channel) => channel.ToString().ToLowerInvariant();

    public static ApprovalChannel? ParseChannel(string? name) =>
        Enum.TryParse<ApprovalChannel>(name, ignoreCase: true, out var c) && Enum.IsDefined(c) ? c : null;

    /// <summary>The request in an <c>approval.requested</c> entry, or null when a field is missing.</summary>
    public static ApprovalRequest? ReadRequest(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var data = entry.Data;
        if (entry.Stage is not { } stage || entry.Service is not { } service
            || data.String("request_id") is not { } id || data.String("report_sha256") is not { } report
            || data.Time("requested_at") is not { } requestedAt || data.Time("expires_at") is not { } expiresAt
            || !data.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = ImmutableArray.CreateBuilder<PlannedChange>();
        foreach (var c in changes.EnumerateArray())
        {
            if (c.ValueKind != JsonValueKind.Object || c.String("knob") is not { } knob || c.String("track") is not { } track
                || c.Number("from") is not { } from || c.Number("to") is not { } to)
            {
                return null;
            }

            list.Add(new PlannedChange(knob, track, from, to));
        }

        return new ApprovalRequest(id, stage, service, list.ToImmutable(), report, requestedAt, expiresAt, entry.Actor);
    }

    /// <summary>The decision in an <c>approval.granted</c>/<c>approval.rejected</c> entry, or null.</summary>
    public static ApprovalDecision? ReadDecision(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var data = entry.Data;
        if (data.String("request_id") is not { } id || ParseChannel(data.String("channel")) is not { } channel)
        {
            return null;
        }

        return new ApprovalDecision(id, entry.Kind == LedgerKinds.ApprovalGranted, data.String("by") ?? entry.Actor, channel,
            data.Time("decided_at") ?? entry.Ts, data.String("reason"));
    }
}
