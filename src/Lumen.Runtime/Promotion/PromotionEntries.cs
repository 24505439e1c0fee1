using Lumen.Core.Approvals;
using Lumen.Core.Ledger;

namespace Lumen.Runtime.Promotion;

/// <summary>The ledger entries of a promotion or canary rollback (docs/ledger-entries.md).</summary>
internal static class PromotionEntries
{
    public static LedgerDraft Applied(PromotionState state, string actor, IEnumerable<KeyValuePair<string, object?>> notes)
    {
        var data = new Dictionary<string, object?> { ["read_back"] = state.Applied!.ReadBack };
        Add(data, notes);
        return Promotion(LedgerKinds.PromotionApplied, state, actor, data);
    }

    public static LedgerDraft RolledBack(PromotionState state, string actor, string reason, IEnumerable<string> restored) =>
        Promotion(LedgerKinds.PromotionRolledBack, state, actor, new Dictionary<string, object?>
        {
            ["reason"] = reason,
            ["restored"] = restored.ToArray(),
        });

    public static LedgerDraft CanaryRolledBack(PromotionState state, string actor, IEnumerable<KeyValuePair<string, object?>> notes)
    {
        var applied = state.Applied!;
        var data = new Dictionary<string, object?>
        {
            ["ok"] = applied.Ok,
            ["error"] = applied.Error,
            ["read_back"] = applied.ReadBack,
            ["restored"] = applied.Restored.ToArray(),
        };
        Add(data, notes);
        data["changes"] = Changes(state.Plan!.Changes);
        return new LedgerDraft(LedgerKinds.CanaryRolledBack, state.Request.Stage, state.Request.Service, actor, LedgerData.From(data));
    }

    /// <summary>A compare-and-set conflict, shaped like the loop's (no adjustment id: a promotion is not an adjustment).</summary>
    public static LedgerDraft Conflict(PromotionState state, string actor, PromotionConflict conflict)
    {
        var request = state.Request;
        var operation = (request.Direction == PromotionDirection.Promote ? "promotion." : "canary_rollback.") + conflict.Operation;
        var data = new Dictionary<string, object?>
        {
            ["id"] = null,
            ["knob"] = conflict.Knob,
            ["track"] = conflict.Track,
            ["operation"] = operation,
            ["expected"] = conflict.Expected,
            ["observed"] = conflict.Observed,
            ["who"] = null,
        };
        if (request.ReportSha256 is { } sha)
        {
            data["report_sha256"] = sha;
        }

        return new LedgerDraft(LedgerKinds.AdjustmentConflict, request.Stage, request.Service, actor, LedgerData.From(data));
    }

    private static LedgerDraft Promotion(string kind, PromotionState state, string actor, Dictionary<string, object?> data)
    {
        data["report_sha256"] = state.Request.ReportSha256;
        data["approval_id"] = state.ApprovalId;
        data["changes"] = Changes(state.Plan!.Changes);
        return new LedgerDraft(kind, state.Request.Stage, state.Request.Service, actor, LedgerData.From(data));
    }

    private static void Add(Dictionary<string, object?> data, IEnumerable<KeyValuePair<string, object?>> notes)
    {
        foreach (var (key, value) in notes)
        {
            data[key] = value;
        }
    }

    private static Dictionary<string, object?>[] Changes(IEnumerable<PlannedChange> changes) =>
        [.. changes.Select(c => new Dictionary<string, object?> { ["knob"] = c.Knob, ["track"] = c.Track, ["from"] = c.From, ["to"] = c.To })];
}
