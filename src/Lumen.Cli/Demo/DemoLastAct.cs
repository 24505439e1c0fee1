using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Lumen.Adapters.Canary;
using Lumen.Core.Adjustments;
using Lumen.Core.Approvals;
using Lumen.Core.Canary;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;
using Lumen.Runtime.Approvals;
using Lumen.Runtime.Promotion;
using Lumen.Simulator.Loop;
using Lumen.Simulator.World;

namespace Lumen.Cli.Demo;

/// <summary>
/// The demo's last act (issue 7 part 7, docs/demo.md "The last act"), after the tuning days, with the
/// loop no longer ticking so the canary holds still:
/// <list type="number">
/// <item>Promotion: each service's canary keeps the configuration the tuner left it with (its knobs
/// when the tuning ended, open adjustments included). The anytime-valid judge compares it with the
/// baseline interval by interval, as <c>lumen canary check</c> does; on pass an approval is requested
/// and granted by <see cref="Approver"/>, and the promotion workflow (<see cref="PromotionWorkflow"/>,
/// the same as <c>lumen canary promote</c>'s) copies the canary's knobs to the baseline through the sim executors.
/// Anything but pass promotes nothing (the decision is still in the ledger).</item>
/// <item>A release: the first service's canary gets a bad release (service times ×
/// <see cref="ReleaseLatencyFactor"/>, errors × <see cref="ReleaseErrorFactor"/>); the judge runs again
/// and, unless it passes, the canary is rolled back: its release ends and its knobs are set to the baseline's.</item>
/// </list>
/// Every step is a ledger entry; the report's "Promotion" section reads them back.
/// </summary>
internal static class DemoLastAct
{
    public const string Approver = "demo-approver";

    public const string Actor = "lumen-demo";

    public const double ReleaseLatencyFactor = 1.3;

    public const double ReleaseErrorFactor = 3;

    /// <summary>The folder in the output that keeps each check's records and report (the evidence an approval binds to).</summary>
    public const string Folder = "canary";

    /// <summary>
    /// The shipped <c>dev</c> canary policy (config/canary_policy.yaml) with the coherence gate off:
    /// the simulator's records carry no coherence field, so that gate could never pass.
    /// </summary>
    public static CanaryStagePolicy Policy { get; } = new(
        DemoConfig.Stage, Confidence: 0.95, MinSamples: 500, MinIntervals: 3, MaxIntervals: 120, SamePhase: true,
        [PhaseLabel.Peak, PhaseLabel.Falling, PhaseLabel.Trough, PhaseLabel.Rising, PhaseLabel.Unknown],
        new CanaryGates(new RatioGate(1.20), new RatioGate(2.0), CoherenceEnabled: false), WatchMinutes: 0);

    public static async Task<DemoLastActResult> RunAsync(SimulatedWorld world, Slo slo, ILedgerStore ledger, TimeProvider clock, string output,
        CancellationToken cancellationToken, Func<string, string, bool>? ask = null, string approver = Approver, AdjustmentBook? kept = null)
    {
        var folder = Path.Combine(output, Folder);
        Directory.CreateDirectory(folder);
        var allowlist = ApproverAllowlist.Parse(approver, ApproverAllowlist.Nobody);
        Task<ILedgerStore> Ledger(CancellationToken _) => Task.FromResult(ledger);

        // Act 1: judge every service's tuned canary over one shared window, then the promotion workflow
        // (the same as lumen canary promote's), with the demo's approver answering each request at once.
        var verdicts = Check(world, slo, world.Services);
        var promoted = new List<string>();
        foreach (var service in world.Services)
        {
            var (verdict, sha) = await DecideAsync(ledger, slo, folder, service, "promotion", verdicts[service], cancellationToken).ConfigureAwait(false);
            var ports = new PromotionPorts(new SimExecutor(world, service, CanaryTrack.Canary), new SimExecutor(world, service, CanaryTrack.Baseline),
                [.. world.Spec(service).Knobs.Select(k => k.Name)], clock, Actor, Ledger)
            {
                Answer = async (approvals, record, ct) =>
                {
                    var approve = ask is null || ask(service, Describe(record.Request.Changes));
                    await approvals.DecideAsync(new ApprovalDecision(record.Request.Id, approve, approver, ApprovalChannel.Cli, clock.GetUtcNow(),
                        ask is null ? "granted automatically by the demo" : approve ? "approved at the terminal" : "rejected at the terminal"),
                        allowlist, ct).ConfigureAwait(false);
                },
                Kept = (_, _) => Task.FromResult<ImmutableArray<(string Knob, KeptValue Kept)>>([.. (kept ?? AdjustmentBook.Empty).KeptOf(service)]),
                EntryNotes = [new("error", null), new("restored", Array.Empty<string>())],
            };
            var request = new PromotionRequest(PromotionDirection.Promote, DemoConfig.Stage, service)
            {
                ReportDecision = verdict.Outcome.ToString().ToLowerInvariant(),
                ReportSha256 = sha,
                ApprovalRequired = true,
                ApprovalExpires = TimeSpan.FromMinutes(30),
            };

            // Anything but pass, an empty plan (the tuner left the canary at the baseline's configuration) or a refusal promotes nothing.
            var run = await new PromotionRunner(ports).RunAsync(new PromotionState(request), cancellationToken).ConfigureAwait(false);
            if (run.Outcome == PromotionOutcome.Done)
            {
                promoted.Add(service);
            }
        }

        // Act 2: a bad release on the first service's canary.
        var target = world.Services[0];
        var extraErrors = (ReleaseErrorFactor - 1) * world.Expected(target, CanaryTrack.Baseline).ErrorRate;
        world.Release(target, CanaryTrack.Canary, ReleaseLatencyFactor, extraErrors);
        var release = Check(world, slo, [target])[target];
        var (releaseVerdict, releaseSha) = await DecideAsync(ledger, slo, folder, target, "release", release, cancellationToken).ConfigureAwait(false);
        var rolledBack = false;
        if (releaseVerdict.Outcome != CanaryOutcome.Pass)
        {
            // canary_policy.yaml: a fail, or no decision by max_intervals, rolls the canary back: its release, then its knobs
            // (recorded even when the knobs already agree, since the release was undone).
            world.RollBackRelease(target, CanaryTrack.Canary);
            var ports = new PromotionPorts(new SimExecutor(world, target, CanaryTrack.Baseline), new SimExecutor(world, target, CanaryTrack.Canary),
                [.. world.Spec(target).Knobs.Select(k => k.Name)], clock, Actor, Ledger)
            {
                EntryNotes =
                [
                    new("release", $"simulated bad release: service times ×{ReleaseLatencyFactor}, errors ×{ReleaseErrorFactor}; rolled back to the baseline's release"),
                    new("report_sha256", releaseSha),
                ],
            };
            var request = new PromotionRequest(PromotionDirection.CanaryRollback, DemoConfig.Stage, target) { AlwaysRecord = true };
            var run = await new PromotionRunner(ports).RunAsync(new PromotionState(request), cancellationToken).ConfigureAwait(false);
            rolledBack = run.State.Applied is { Ok: true };
        }

        return new DemoLastActResult(
            verdicts.ToImmutableDictionary(p => p.Key, p => (p.Value.Verdict ?? p.Value.Judge.Snapshot()).Outcome), [.. promoted], target, releaseVerdict.Outcome, rolledBack);
    }

    /// <summary>Advances the world one interval at a time, judging each service, until every judge is final or has seen max_intervals.</summary>
    private static Dictionary<string, Window> Check(SimulatedWorld world, Slo slo, IReadOnlyList<string> services)
    {
        var windows = services.ToDictionary(s => s, _ => new Window(new CanaryJudge(Policy, slo)), StringComparer.Ordinal);
        for (var i = 0; i < Policy.MaxIntervals && windows.Values.Any(w => w.Verdict is not { IsFinal: true }); i++)
        {
            world.Advance();
            foreach (var group in world.IntervalRecords().Where(r => windows.ContainsKey(r.Service)).GroupBy(r => r.Service))
            {
                var window = windows[group.Key];
                if (window.Verdict is { IsFinal: true })
                {
                    continue;
                }

                var baseline = group.Single(r => r.Track == CanaryTrack.Baseline);
                var canary = group.Single(r => r.Track == CanaryTrack.Canary);
                window.Records.Add(baseline);
                window.Records.Add(canary);
                window.Verdict = window.Judge.Observe(new CanaryInterval(baseline.Timestamp, baseline, canary));
            }
        }

        return windows;
    }

    /// <summary>Writes the window's records and report, as <c>lumen canary check --from</c> would, and the <c>canary.decision</c> entry.</summary>
    private static async Task<(CanaryVerdict Verdict, string ReportSha256)> DecideAsync(ILedgerStore ledger, Slo slo, string folder, string service,
        string act, Window window, CancellationToken cancellationToken)
    {
        var verdict = window.Verdict ?? window.Judge.Snapshot();
        var recordsPath = Path.Combine(folder, $"{service}-{act}.jsonl");
        var bytes = Encoding.UTF8.GetBytes(string.Concat(window.Records.Select(r => IntervalRecordWriter.Write(r) + "\n")));
        await File.WriteAllBytesAsync(recordsPath, bytes, cancellationToken).ConfigureAwait(false);
        var report = new CanaryReport(DemoConfig.Stage, service, Policy, slo, recordsPath, Convert.ToHexStringLower(SHA256.HashData(bytes)), window.Records.Count,
            CanaryIntervals.Build(window.Records, service), verdict, window.Judge.LatencyPlan, window.Judge.FailAt, window.Judge.PassAt, window.Judge.ErrorModel, window.Judge.LatencyModel);
        var reportPath = Path.Combine(folder, $"{service}-{act}.json");
        var reportBytes = report.ToUtf8();
        await File.WriteAllBytesAsync(reportPath, reportBytes, cancellationToken).ConfigureAwait(false);
        var sha = Convert.ToHexStringLower(SHA256.HashData(reportBytes));
        await ledger.AppendAsync(new LedgerDraft(LedgerKinds.CanaryDecision, DemoConfig.Stage, service, Actor, LedgerData.From(new Dictionary<string, object?>
        {
            ["act"] = act,
            ["decision"] = verdict.Outcome.ToString().ToLowerInvariant(),
            ["final"] = verdict.IsFinal,
            ["decided_at"] = verdict.DecidedAt is { } at ? LedgerTime.ToText(at) : null,
            ["intervals_used"] = verdict.IntervalsUsed,
            ["baseline_requests"] = verdict.BaselineRequests,
            ["canary_requests"] = verdict.CanaryRequests,
            ["reasons"] = verdict.Reasons.ToArray(),
            ["report"] = Path.Combine(Folder, Path.GetFileName(reportPath)),
            ["report_sha256"] = sha,
            ["input_sha256"] = report.InputSha256,
        })), cancellationToken).ConfigureAwait(false);
        return (verdict, sha);
    }

    /// <summary>The plan in words, for the question at the terminal.</summary>
    private static string Describe(IEnumerable<PlannedChange> changes) =>
        string.Join(", ", changes.Select(c => FormattableString.Invariant($"{c.Knob} {c.From} -> {c.To}")));

    private sealed class Window(CanaryJudge judge)
    {
        public CanaryJudge Judge { get; } = judge;

        public List<IntervalRecord> Records { get; } = [];

        public CanaryVerdict? Verdict { get; set; }
    }
}
