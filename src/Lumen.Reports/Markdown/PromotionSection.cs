using System.Globalization;
using System.Text;
using System.Text.Json;
using Lumen.Core.Ledger;
using Lumen.Reports.Digest;

namespace Lumen.Reports.Markdown;

/// <summary>
/// The report's "Promotion" section: every canary check, approval, promotion and canary rollback in
/// the ledger, in ledger order (the demo's last act, docs/demo.md; or what <c>lumen canary</c> and
/// <c>lumen approve</c> wrote). Nothing is written when the ledger has none.
/// </summary>
internal static class PromotionSection
{
    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal)
    {
        LedgerKinds.CanaryDecision, LedgerKinds.ApprovalRequested, LedgerKinds.ApprovalGranted, LedgerKinds.ApprovalRejected,
        LedgerKinds.ApprovalExpired, LedgerKinds.PromotionApplied, LedgerKinds.PromotionRolledBack, LedgerKinds.CanaryRolledBack,
    };

    /// <param name="simulatedTime">Whether the entries' timestamps are simulated (a simulated demo) or real time.</param>
    public static void Write(StringBuilder md, IReadOnlyList<LedgerEntry> entries, bool simulatedTime)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(entries);
        var steps = entries.Where(e => Kinds.Contains(e.Kind)).ToList();
        if (steps.Count == 0)
        {
            return;
        }

        md.AppendLine("## Promotion").AppendLine();
        md.AppendLine("Canary checks (anytime-valid judge), approvals, promotions to the baseline and canary rollbacks, in ledger order.")
          .AppendLine();
        md.AppendLine(simulatedTime ? "| seq | simulated time | service | step | by | details |" : "| seq | time (UTC) | service | step | by | details |").AppendLine("|---:|---|---|---|---|---|");
        foreach (var e in steps)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {e.Seq} | {e.Ts:yyyy-MM-dd HH:mm} | `{e.Service ?? "?"}` | {Step(e)} | {e.Actor} | {Details(e).Replace("|", "\\|", StringComparison.Ordinal)} |"));
        }

        md.AppendLine();
    }

    private static string Step(LedgerEntry e) => e.Kind switch
    {
        LedgerKinds.CanaryDecision => $"canary check ({Json.Text(e.Data, "act") ?? "check"}): **{Json.Text(e.Data, "decision") ?? "?"}**",
        LedgerKinds.ApprovalRequested => "approval requested",
        LedgerKinds.ApprovalGranted => "approval **granted**",
        LedgerKinds.ApprovalRejected => "approval **rejected**",
        LedgerKinds.ApprovalExpired => "approval expired (no answer means no)",
        LedgerKinds.PromotionApplied => "**promoted** to the baseline",
        LedgerKinds.PromotionRolledBack => "promotion rolled back",
        _ => Json.Flag(e.Data, "ok") == false ? "canary rollback **failed**" : "canary **rolled back**",
    };

    private static string Details(LedgerEntry e)
    {
        var data = e.Data;
        switch (e.Kind)
        {
            case LedgerKinds.CanaryDecision:
                var reasons = Json.Texts(data, "reasons");
                return string.Create(CultureInfo.InvariantCulture,
                    $"{Json.Integer(data, "intervals_used") ?? 0} interval(s), canary {Json.Integer(data, "canary_requests") ?? 0:N0} vs baseline {Json.Integer(data, "baseline_requests") ?? 0:N0} requests; report `{Json.Text(data, "report") ?? "?"}` (sha256 {Short(Json.Text(data, "report_sha256"))}){(Json.Text(data, "models") is { } models ? $"; model: {models}" : "")}{(reasons.Count > 0 ? "; " + reasons[0] : "")}");
            case LedgerKinds.ApprovalRequested:
                return $"request `{Json.Text(data, "request_id")}` for report {Short(Json.Text(data, "report_sha256"))}: {Changes(data)}";
            case LedgerKinds.ApprovalGranted or LedgerKinds.ApprovalRejected:
                return $"request `{Json.Text(data, "request_id")}` by **{Json.Text(data, "by")}** via {Json.Text(data, "channel")}";
            case LedgerKinds.ApprovalExpired:
                return $"request `{Json.Text(data, "request_id")}`";
            case LedgerKinds.CanaryRolledBack:
                var release = Json.Text(data, "release");
                var changes = Changes(data);
                return string.Join("; ", new[] { release, changes.Length > 0 ? "knobs: " + changes : "knobs already matched the baseline", Json.Text(data, "error") }
                    .Where(s => !string.IsNullOrEmpty(s)));
            default:
                return Changes(data) + (Json.Text(data, "approval_id") is { } id ? $" (approval `{id}`)" : "");
        }
    }

    private static string Changes(JsonElement data)
    {
        if (Json.Get(data, "changes") is not { ValueKind: JsonValueKind.Array } changes)
        {
            return "";
        }

        return string.Join(", ", changes.EnumerateArray().Select(c => string.Create(CultureInfo.InvariantCulture,
            $"{Json.Text(c, "knob")} {Json.Number(c, "from"):0.##} → {Json.Number(c, "to"):0.##} ({Json.Text(c, "track")})")));
    }

    private static string Short(string? sha) => sha is { Length: > 12 } ? sha[..12] : sha ?? "?";
}
