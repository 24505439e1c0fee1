using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Lumen.Adapters.Canary;
using Lumen.Adapters.Config;
using Lumen.Adapters.Prometheus;
using Lumen.Core.Approvals;
using Lumen.Core.Canary;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Runtime.Approvals;
using Lumen.Runtime.Promotion;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands;

/// <summary>
/// <c>lumen canary promote --stage S</c> (docs/promotion.md), as a checklist: read the canary report
/// (it must say pass) → read both tracks' knobs (the plan) → print the plan → stop if dry run →
/// SAFE_APPLY re-check → approval gate → apply to the baseline and read back → ledger
/// <c>promotion.applied</c> → SAFE_APPLY watch, rolling back on an SLO breach. Exit 0 promoted (or
/// nothing to do, or dry run), 1 refused (check not passing, rejected, breach rolled back),
/// 2 bad input, 3 waiting for approval, 5 runtime failure.
/// </summary>
internal sealed class CanaryPromoteCommand(IAnsiConsole console, IEnvironmentVariables env) : AsyncCommand<CanaryPromoteSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CanaryPromoteSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!CommandSettingsLoader.TryLoad(console, env, settings.ConfigDir, settings.Stage, out var loadedSettings))
        {
            return ExitCodes.BadInput;
        }

        var lumen = loadedSettings;
        if (lumen.Stage is not { } stage || lumen.Canary is not { } policy)
        {
            return Bad("--stage STAGE (or LUMEN_STAGE) with a canary policy is required");
        }

        if (settings.Watch is not null && WatchDuration(settings.Watch) is null)
        {
            return Bad($"--watch '{settings.Watch}' is not a duration (e.g. 0s to skip, 90s, 5m)");
        }

        if (!DurationText.TryParse(settings.Expires, out var expires) || expires <= TimeSpan.Zero)
        {
            return Bad($"--expires '{settings.Expires}' is not a positive duration (e.g. 30m, 1h)");
        }

        // 1. The report: it must exist and say pass; its bytes' SHA-256 is what an approval binds to.
        var reportPath = CanaryReportLocation.Resolve(settings.Report, env);
        if (!File.Exists(reportPath))
        {
            return Bad($"no canary report at {reportPath}: run lumen canary check first");
        }

        var reportBytes = await File.ReadAllBytesAsync(reportPath, cancellationToken);
        var reportSha = Convert.ToHexStringLower(SHA256.HashData(reportBytes));
        string decision, reportService, reportStage, inputPath;
        try
        {
            using var doc = JsonDocument.Parse(reportBytes);
            var root = doc.RootElement;
            decision = root.GetProperty("decision").GetString() ?? "";
            reportService = root.GetProperty("service").GetString() ?? "";
            reportStage = root.GetProperty("stage").GetString() ?? "";
            inputPath = root.GetProperty("input").GetProperty("path").GetString() ?? "";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Bad($"{reportPath} is not a canary report ({e.Message})");
        }

        var serviceName = settings.Service ?? reportService;
        if (reportStage != stage.Name || reportService != serviceName)
        {
            return Bad($"{reportPath} judges {reportService} on {reportStage}, not {serviceName} on {stage.Name}");
        }

        if (decision != "pass")
        {
            console.WriteLine($"refused: the canary report says {decision}, not pass ({reportPath}); nothing changed");
            return ExitCodes.Failed;
        }

        if (lumen.Config.Services.Find(serviceName) is not { } service)
        {
            return Bad($"services.yaml has no service '{serviceName}'");
        }

        using var http = new HttpClient();
        if (PromotionTargets.Build(service, http, env, out var buildError) is not { } targets)
        {
            return Bad(buildError!);
        }

        // 2. The plan, read from both tracks.
        var plan = await Promoter.PlanAsync(service.Knobs.Select(k => k.Name), targets.Canary, targets.Baseline, "baseline", cancellationToken);
        if (!plan.IsOk)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {plan.Error}");
            return ExitCodes.RuntimeError;
        }

        PrintPlan(service.Name, stage.Name, reportSha, plan, targets);
        if (plan.IsEmpty)
        {
            console.WriteLine("nothing to promote: the baseline already runs the canary's configuration (a repeated promote changes nothing)");
            return ExitCodes.Ok;
        }

        if (stage.Policy.DryRun)
        {
            console.WriteLine("dry run (DRY_RUN=1 or the stage's dry_run: true): nothing changed and nothing was requested; set DRY_RUN=0 to promote");
            return ExitCodes.Ok;
        }

        // 3. SAFE_APPLY: the same judge on the same input must give the same (passing) report.
        var safeApply = lumen.Env.SafeApply == true;
        if (safeApply && Recheck(stage, policy, inputPath, serviceName, reportSha) is { } recheckProblem)
        {
            console.WriteLine($"refused by SAFE_APPLY re-check: {recheckProblem}; nothing changed");
            return ExitCodes.Failed;
        }

        var actor = CliApprovals.Name(null, env);
        await using var ledger = await CliApprovals.OpenAsync(env, settings.LedgerFile, actor, cancellationToken);
        var approvals = new ApprovalService(ledger, TimeProvider.System);

        // 4. The approval gate.
        string? approvalId = null;
        if (stage.Policy.ApprovalRequired)
        {
            var book = await approvals.BookAsync(cancellationToken);
            var gate = ApprovalRules.Gate(book.FindPlan(stage.Name, service.Name, reportSha, plan.Changes), TimeProvider.System.GetUtcNow(), reportSha);
            switch (gate.Outcome)
            {
                case GateOutcome.Approved:
                    approvalId = gate.Record!.Request.Id;
                    console.WriteLine($"approval: {gate.Reason}");
                    break;
                case GateOutcome.Rejected:
                    console.WriteLine($"refused: {gate.Reason}; nothing changed");
                    return ExitCodes.Failed;
                case GateOutcome.Waiting:
                    console.WriteLine($"{gate.Reason}; approve with: lumen approve {gate.Record!.Request.Id}");
                    return ExitCodes.WaitingForApproval;
                default:
                    return await RequestAsync(approvals, stage, service.Name, plan, reportSha, expires, actor, gate, cancellationToken);
            }
        }

        // 5. Apply to the baseline, read back, ledger.
        var applied = await Promoter.ApplyAsync(plan.Changes, targets.Baseline, cancellationToken);
        if (!applied.Ok)
        {
            await ledger.AppendAsync(Entry(LedgerKinds.PromotionRolledBack, stage.Name, service.Name, actor, reportSha, approvalId, plan, new()
            {
                ["reason"] = $"apply failed: {applied.Error}",
                ["restored"] = applied.Restored.ToArray(),
            }), cancellationToken);
            console.MarkupLineInterpolated($"[red]error:[/] promotion failed: {applied.Error}; {string.Join("; ", applied.Restored)}");
            return ExitCodes.RuntimeError;
        }

        // The kept trials the promotion carries, folded before promotion.applied resets them.
        var kept = await PromotionCarry.KeptAsync(ledger, service.Name, cancellationToken);
        await ledger.AppendAsync(Entry(LedgerKinds.PromotionApplied, stage.Name, service.Name, actor, reportSha, approvalId, plan, new()
        {
            ["read_back"] = applied.ReadBack,
            ["safe_apply"] = safeApply,
        }), cancellationToken);
        await PromotionCarry.MarkAsync(ledger, stage.Name, service.Name, actor, kept, applied.ReadBack, reportSha, cancellationToken);
        console.WriteLine($"promoted: the baseline of {service.Name} now runs the canary's configuration ({plan.Changes.Length} knob(s), read back)");

        // 6. SAFE_APPLY: watch, roll back on an SLO breach.
        return safeApply
            ? await WatchAsync(settings, stage, policy, service, targets, plan, ledger, actor, reportSha, approvalId, http, cancellationToken)
            : ExitCodes.Ok;
    }

    private async Task<int> RequestAsync(ApprovalService approvals, StageConfig stage, string service, PromotionPlan plan, string reportSha,
        TimeSpan expires, string actor, ApprovalGate gate, CancellationToken cancellationToken)
    {
        if (gate.Outcome is GateOutcome.Expired or GateOutcome.Void)
        {
            console.WriteLine($"earlier approval unusable: {gate.Reason}");
        }

        var (slack, slackError) = CliApprovals.Slack(env, stage, new HttpClient());
        if (slackError is not null)
        {
            console.WriteLine($"slack: not sent ({slackError})");
        }

        var (record, created, notes) = await approvals.RequestAsync(stage.Name, service, plan.Changes, reportSha, expires, actor,
            slack is null ? [] : [slack], cancellationToken);
        foreach (var note in notes)
        {
            console.WriteLine(note);
        }

        console.WriteLine($"{(created ? "approval requested" : "approval already requested")}: waiting for approval {record.Request.Id} " +
                          $"(expires {LedgerTime.ToText(record.Request.ExpiresAt)}; no answer means no). " +
                          $"Approve with: lumen approve {record.Request.Id}, in the web console, or in Slack; then run this command again.");
        return ExitCodes.WaitingForApproval;
    }

    private async Task<int> WatchAsync(CanaryPromoteSettings settings, StageConfig stage, CanaryStagePolicy policy, ServiceConfig service,
        PromotionTargets targets, PromotionPlan plan, ILedgerStore ledger, string actor, string reportSha, string? approvalId, HttpClient http,
        CancellationToken cancellationToken)
    {
        var duration = WatchDuration(settings.Watch) ?? TimeSpan.FromMinutes(policy.WatchMinutes);
        var interval = settings.WatchInterval is not null && DurationText.TryParse(settings.WatchInterval, out var i) && i > TimeSpan.Zero ? i : stage.Policy.Interval;
        if (duration <= TimeSpan.Zero)
        {
            console.WriteLine("watch skipped (--watch 0)");
            return ExitCodes.Ok;
        }

        console.WriteLine($"watching {service.Name}'s baseline for {DurationText.Format(duration)} (every {DurationText.Format(interval)}) against the {stage.Name} SLO");
        var source = new PrometheusSliSource([service], new PrometheusClientOptions(stage.Endpoints.Prometheus), http, TimeProvider.System);
        var result = await new PromotionWatch(source, TimeProvider.System).WatchAsync(service.Name, stage.Slo, duration, interval, cancellationToken);
        if (!result.Breached)
        {
            console.WriteLine($"watch passed: {result.Reason}");
            return ExitCodes.Ok;
        }

        var restored = await Promoter.RestoreAsync(plan.Changes, targets.Baseline, cancellationToken);
        await ledger.AppendAsync(Entry(LedgerKinds.PromotionRolledBack, stage.Name, service.Name, actor, reportSha, approvalId, plan, new()
        {
            ["reason"] = $"SLO breach while watching: {result.Reason}",
            ["restored"] = restored.ToArray(),
        }), cancellationToken);
        console.WriteLine($"rolled back: {result.Reason}; {string.Join("; ", restored)}");
        return ExitCodes.Failed;
    }

    /// <summary>Re-runs the judge on the report's input; null when it still passes with an identical report.</summary>
    private static string? Recheck(StageConfig stage, CanaryStagePolicy policy, string inputPath, string service, string reportSha)
    {
        var file = IntervalRecordFile.Read(inputPath);
        if (!file.IsOk)
        {
            return $"cannot re-read the records {inputPath}: {string.Join("; ", file.Errors.Take(3))}";
        }

        var intervals = CanaryIntervals.Build(file.Records, service);
        if (!intervals.IsOk)
        {
            return $"{inputPath}: {intervals.Error}";
        }

        var judge = new CanaryJudge(policy, stage.Slo);
        CanaryVerdict? verdict = null;
        foreach (var interval in intervals.Intervals)
        {
            verdict = judge.Observe(interval);
            if (verdict.IsFinal)
            {
                break;
            }
        }

        verdict ??= judge.Snapshot();
        if (verdict.Outcome != CanaryOutcome.Pass)
        {
            return $"the canary check now says {verdict.Outcome.ToString().ToLowerInvariant()}";
        }

        var report = new CanaryReport(stage.Name, intervals.Service, policy, stage.Slo, inputPath, file.Sha256, file.Records.Length, intervals, verdict,
            judge.LatencyPlan, judge.FailAt, judge.PassAt, judge.ErrorModel, judge.LatencyModel);
        var sha = Convert.ToHexStringLower(SHA256.HashData(report.ToUtf8()));
        return sha == reportSha ? null : $"the evidence changed: a fresh report hashes to {sha[..12]}, the approved one to {reportSha[..12]}; run lumen canary check again";
    }

    private static LedgerDraft Entry(string kind, string stage, string service, string actor, string reportSha, string? approvalId, PromotionPlan plan,
        Dictionary<string, object?> extra)
    {
        extra["report_sha256"] = reportSha;
        extra["approval_id"] = approvalId;
        extra["changes"] = plan.Changes.Select(c => new Dictionary<string, object?> { ["knob"] = c.Knob, ["track"] = c.Track, ["from"] = c.From, ["to"] = c.To }).ToArray();
        return new LedgerDraft(kind, stage, service, actor, LedgerData.From(extra));
    }

    /// <summary>--watch: "0", "0s" or "0m" skip the watch; otherwise a duration; null when absent or unparseable.</summary>
    private static TimeSpan? WatchDuration(string? text) =>
        text is null ? null
        : text is "0" or "0s" or "0m" ? TimeSpan.Zero
        : DurationText.TryParse(text, out var d) ? d : null;

    private void PrintPlan(string service, string stage, string reportSha, PromotionPlan plan, PromotionTargets targets)
    {
        console.WriteLine($"promotion plan for {service} on {stage} (canary report sha256 {reportSha[..12]}):");
        foreach (var c in plan.Changes)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Knob}: baseline {c.From} -> {c.To}   via {targets.Describe("baseline")}"));
        }

        foreach (var knob in plan.Unchanged)
        {
            console.WriteLine($"  {knob}: unchanged (baseline and canary agree)");
        }
    }

    private int Bad(string message)
    {
        console.MarkupLineInterpolated($"[red]error:[/] {message}");
        return ExitCodes.BadInput;
    }
}
