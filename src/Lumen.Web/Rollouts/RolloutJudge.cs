using Lumen.Adapters.Canary;
using Lumen.Adapters.Prometheus;
using Lumen.Core.Canary;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Microsoft.AspNetCore.Http;

namespace Lumen.Web.Rollouts;

/// <summary>
/// The judge endpoint's work, as a checklist: the rollout's mapping → the export options (window, tracks,
/// metric names) → <see cref="LiveCanaryCheck"/> exactly as <c>lumen canary check</c> runs it (records and
/// report written under <c>STATE/rollouts/SERVICE/</c>) → the <c>canary.decision</c> ledger entry → the answer.
/// Checks are serialised: two calls at once would write the same files.
/// </summary>
internal sealed class RolloutJudge(RolloutOptions options, ILedgerStore ledger, HttpClient http, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<RolloutAnswer> JudgeAsync(RolloutTool tool, ServiceConfig service, RolloutPayload payload, CancellationToken cancellationToken)
    {
        var toolName = RolloutEndpoints.ToolName(tool);
        var stage = options.Stage.Name;
        var mapping = service.Rollout!;
        var (export, problem) = ExportOptions(mapping, service.Name, payload);
        if (export is null)
        {
            return RolloutAnswer.Error(StatusCodes.Status400BadRequest, toolName, service.Name, stage, problem!);
        }

        var reportPath = RolloutFiles.Report(options.StateDir, service.Name);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var check = new LiveCanaryCheck(options.Prometheus, http, time);
            var run = await check.RunAsync(options.Stage, options.Policy, options.Services.Services, export, reportPath, cancellationToken).ConfigureAwait(false);
            switch (run.Status)
            {
                case CanaryCheckStatus.PrometheusFailed:
                    return RolloutAnswer.Error(StatusCodes.Status503ServiceUnavailable, toolName, service.Name, stage,
                        $"{run.Error}; no decision without data: nothing written, ask again");
                case CanaryCheckStatus.NoData:
                case CanaryCheckStatus.BadInput:
                    // Not decided yet (no traffic on a track so far): never a pass, never a report.
                    return new RolloutAnswer(Undecided(tool), toolName, service.Name, stage, "inconclusive", false, null, [],
                        [$"not judged: {run.Error}"]);
            }

            var report = run.Judged!.Report!;
            var verdict = report.Verdict;
            var target = new RolloutRef(tool, payload.Namespace, payload.Name);
            var entry = await ledger.AppendAsync(CanaryDecisionDraft.For(stage, service.Name, $"lumen run ({target})", verdict, reportPath,
                run.ReportSha256!, report.InputSha256, new Dictionary<string, object?>
                {
                    ["rollout"] = target.ToString(),
                    ["revision"] = payload.Revision,
                    ["phase"] = payload.Phase,
                }, models: CanaryReport.ModelsText(report.ErrorModel, report.LatencyModel)), cancellationToken).ConfigureAwait(false);
            RolloutFiles.WriteRevision(options.StateDir, service.Name, target, payload.Revision, run.ReportSha256!);
            var decision = verdict.Outcome.ToString().ToLowerInvariant();
            return new RolloutAnswer(Status(tool, verdict), toolName, service.Name, stage, decision, verdict.IsFinal, run.ReportSha256,
                [.. verdict.Gates.Select(g => new RolloutGate(g.Gate, g.Outcome.ToString().ToLowerInvariant(), g.Reason))],
                verdict.Reasons.IsDefaultOrEmpty ? [] : [.. verdict.Reasons])
            {
                LedgerSeq = entry.Seq,
            };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Flagger reads only the status: 2xx while pass or not decided (200 pass, 202 not yet), 412 on fail and on a
    /// final inconclusive (a failed check towards its rollback threshold). Argo reads the body: 200 whenever the
    /// judge answered, so its successCondition/failureCondition decide.
    /// </summary>
    internal static int Status(RolloutTool tool, CanaryVerdict verdict) => tool switch
    {
        RolloutTool.Argo => StatusCodes.Status200OK,
        _ => verdict.Outcome switch
        {
            CanaryOutcome.Pass => StatusCodes.Status200OK,
            CanaryOutcome.Inconclusive when !verdict.IsFinal => StatusCodes.Status202Accepted,
            _ => StatusCodes.Status412PreconditionFailed,
        },
    };

    private static int Undecided(RolloutTool tool) => tool == RolloutTool.Argo ? StatusCodes.Status200OK : StatusCodes.Status202Accepted;

    /// <summary>The window (metadata <c>window</c>, else the mapping's), the stage's step, and the tracks: fixed in the mapping
    /// or, for a label such as <c>rollouts_pod_template_hash</c>, the hashes the caller sends.</summary>
    private (IntervalExportOptions? Options, string? Problem) ExportOptions(RolloutMapping mapping, string service, RolloutPayload payload)
    {
        var window = mapping.Window.Value;
        if (payload.Metadata.GetValueOrDefault("window") is { } text)
        {
            if (!PromDuration.TryParse(text, out var parsed) || parsed.Value < TimeSpan.FromMinutes(1) || parsed.Value > TimeSpan.FromDays(7))
            {
                return (null, $"metadata.window: expected a Prometheus duration from 1m to 7d such as 30m, found \"{Clip(text)}\"");
            }

            window = parsed.Value;
        }

        IntervalTrackSelector? tracks = null;
        if (mapping.TrackLabel is { } label)
        {
            var baseline = mapping.Baseline ?? payload.Metadata.GetValueOrDefault("stable_hash");
            var canary = mapping.Canary ?? payload.Metadata.GetValueOrDefault("canary_hash");
            if (string.IsNullOrEmpty(baseline) || string.IsNullOrEmpty(canary))
            {
                return (null, $"the service's rollout.track_label is {label} without fixed baseline/canary values: send metadata.stable_hash and metadata.canary_hash");
            }

            if (string.Equals(baseline, canary, StringComparison.Ordinal))
            {
                return (null, "metadata.stable_hash and metadata.canary_hash are equal: there is no canary to judge (the rollout is not progressing)");
            }

            tracks = new IntervalTrackSelector(label, baseline, canary, mapping.Selector, mapping.ErrorsSelector);
        }

        var now = time.GetUtcNow();
        var options1 = new IntervalExportOptions([service], now - window, now, options.Stage.Policy.Interval, mapping.LatencyMetric, mapping.ErrorsMetric)
        {
            Tracks = tracks,
            LatencyScale = mapping.LatencyUnit == RolloutMapping.Milliseconds ? 0.001 : 1,
        };
        return options1.Problem() is { } problem ? (null, problem) : (options1, null);
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
