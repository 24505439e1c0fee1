using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using Lumen.Core.Approvals;
using Lumen.Core.Policy;
using Lumen.Runtime.Approvals;
using Microsoft.AspNetCore.Http;

namespace Lumen.Web.Rollouts;

/// <summary>
/// The confirm-promotion endpoint's work, as a checklist: the service's latest report (written by the judge
/// endpoint) → it judged this canary revision → it says pass, final → where the stage requires approval, an
/// approval granted for that report's SHA-256 (the request is created on the first call, so the console and
/// Slack show it; a rejected, expired or voided one blocks) → 200. Anything else is 409 and changes nothing
/// but the approval request. Flagger keeps calling a confirm-promotion hook until it answers 200.
/// </summary>
internal sealed class RolloutPromotionGate(RolloutOptions options, ApprovalService approvals)
{
    public async Task<RolloutAnswer> ConfirmAsync(RolloutTool tool, ServiceConfig service, RolloutPayload payload, CancellationToken cancellationToken)
    {
        var toolName = RolloutEndpoints.ToolName(tool);
        var stage = options.Stage.Name;
        var reportPath = RolloutFiles.Report(options.StateDir, service.Name);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(reportPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refuse(tool, RolloutAnswer.Error(StatusCodes.Status409Conflict, toolName, service.Name, stage,
                "no canary report yet for this service: the judge endpoint writes it (the rollout hook or the AnalysisTemplate)"));
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (Read(bytes) is not { } report || report.Stage != stage || report.Service != service.Name)
        {
            return Refuse(tool, RolloutAnswer.Error(StatusCodes.Status409Conflict, toolName, service.Name, stage,
                $"{reportPath} is not a canary report of {service.Name} on {stage}"));
        }

        var answer = new RolloutAnswer(StatusCodes.Status409Conflict, toolName, service.Name, stage, report.Decision, report.Final, sha, report.Gates, report.Reasons);
        var recorded = RolloutFiles.ReadRevision(options.StateDir, service.Name);
        if (recorded is not { } r || r.ReportSha256 != sha)
        {
            return Refuse(tool, answer with { Reasons = answer.Reasons.Add("the report on disk was not written by the judge endpoint for a rollout; judge again") });
        }

        if (payload.Revision is { } revision && r.Revision != revision)
        {
            return Refuse(tool, answer with { Reasons = answer.Reasons.Add($"the latest report judged revision {r.Revision ?? "(none)"} of {r.Target}, not {revision}: wait for the judge") });
        }

        if (report.Decision != "pass" || !report.Final)
        {
            return Refuse(tool, answer with { Reasons = answer.Reasons.Add($"the latest canary report says {report.Decision}{(report.Final ? "" : " (not final)")}, not pass: no promotion") });
        }

        if (!options.Stage.Policy.ApprovalRequired)
        {
            return answer with
            {
                Status = StatusCodes.Status200OK,
                Promote = true,
                Approval = new RolloutApproval(false, null, "not_required", $"stage {stage} does not require approval"),
            };
        }

        var target = new RolloutRef(tool, payload.Namespace, payload.Name);
        // Shown in the console and Slack as "flagger test/podinfo revision 85d557f47b, % of the stable track: 0 → 100".
        ImmutableArray<PlannedChange> changes = [new PlannedChange($"{target} revision {payload.Revision ?? "(unknown)"}, % of the stable track", "stable", 0, 100)];
        var book = await approvals.BookAsync(cancellationToken).ConfigureAwait(false);
        var gate = ApprovalRules.Gate(book.FindPlan(stage, service.Name, sha, changes), approvals.Time.GetUtcNow(), sha);
        switch (gate.Outcome)
        {
            case GateOutcome.Approved:
                return answer with
                {
                    Status = StatusCodes.Status200OK,
                    Promote = true,
                    Approval = new RolloutApproval(true, gate.Record!.Request.Id, "approved", gate.Reason),
                };
            case GateOutcome.Waiting:
                return Refuse(tool, answer with { Approval = new RolloutApproval(true, gate.Record!.Request.Id, "waiting", gate.Reason) });
            case GateOutcome.Rejected:
                return Refuse(tool, answer with { Approval = new RolloutApproval(true, gate.Record!.Request.Id, "rejected", gate.Reason) });
        }

        // Not requested yet (or expired, or granted for other evidence): ask, and announce it.
        var (record, created, _) = await approvals.RequestAsync(stage, service.Name, changes, sha, options.ApprovalExpiry, $"lumen run ({target})",
            options.Channels, cancellationToken).ConfigureAwait(false);
        return Refuse(tool, answer with
        {
            Approval = new RolloutApproval(true, record.Request.Id, created ? "requested" : "waiting",
                $"approval {(created ? "requested" : "already requested")}: approve {record.Request.Id} in the console, in Slack or with lumen approve"),
        });
    }

    /// <summary>Flagger waits on any non-200; Argo reads <c>promote</c> from a 200.</summary>
    private static RolloutAnswer Refuse(RolloutTool tool, RolloutAnswer answer) => answer with
    {
        Status = tool == RolloutTool.Argo && answer.Status == StatusCodes.Status409Conflict ? StatusCodes.Status200OK : answer.Status,
        Promote = false,
    };

    private sealed record ReportSummary(string Stage, string Service, string Decision, bool Final, ImmutableArray<RolloutGate> Gates, ImmutableArray<string> Reasons);

    private static ReportSummary? Read(byte[] bytes)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            var gates = root.GetProperty("gates").EnumerateArray()
                .Select(g => new RolloutGate(g.GetProperty("gate").GetString() ?? "", g.GetProperty("outcome").GetString() ?? "", g.GetProperty("reason").GetString() ?? ""))
                .ToImmutableArray();
            var reasons = root.GetProperty("reasons").EnumerateArray().Select(x => x.GetString() ?? "").ToImmutableArray();
            return new ReportSummary(root.GetProperty("stage").GetString() ?? "", root.GetProperty("service").GetString() ?? "",
                root.GetProperty("decision").GetString() ?? "", root.GetProperty("final").GetBoolean(), gates, reasons);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
