using System.Security.Cryptography;
using Lumen.Adapters.FileSystem;
using Lumen.Adapters.Prometheus;
using Lumen.Core.Canary;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;

namespace Lumen.Adapters.Canary;

/// <summary>
/// The canary check as <c>lumen canary check</c> runs it, shared by the command and by <c>lumen run</c>'s
/// rollout endpoints (docs/canary-statistics.md, docs/rollout-tools.md): read the window from Prometheus
/// (interval records, with phase and coherence from the same history through the loop's mapper) →
/// write them as <c>canary_records.jsonl</c> beside the report, so the exact input is kept and hashed →
/// replay them through the anytime-valid judge, interval by interval, stopping at the first final
/// verdict → write <c>canary_report.json</c>. No data, or a failing Prometheus, writes nothing and is
/// never a pass. The ledger entry is the caller's (<see cref="CanaryDecisionDraft"/>).
/// </summary>
public sealed class LiveCanaryCheck(PrometheusClientOptions prometheus, HttpClient http, TimeProvider time)
{
    public const string RecordsFileName = "canary_records.jsonl";

    public TimeProvider Time => time;

    /// <summary>Prometheus → interval records of the window, annotated with the mapper's phase and coherence.</summary>
    public async Task<IntervalExportResult> ExportAsync(StageConfig stage, IReadOnlyList<ServiceConfig> services, IntervalExportOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var exporter = new IntervalRecordExporter(prometheus, http, time);
        var result = await exporter.ExportAsync(options, cancellationToken).ConfigureAwait(false);
        if (!result.IsOk)
        {
            return result;
        }

        // Phase and coherence from the same Prometheus history through the loop's mapper (the gates need them).
        var judged = services.Where(s => options.Services.Contains(s.Name, StringComparer.Ordinal)).ToList();
        var (annotated, note) = await CanaryLiveRhythm.AnnotateAsync(result, stage, judged, prometheus, http, RhythmOptions.Default, time, cancellationToken)
            .ConfigureAwait(false);
        return note.Length > 0 ? annotated with { Notes = annotated.Notes.Add(note) } : annotated;
    }

    /// <summary>Export → records file beside <paramref name="reportPath"/> → judge → report file.</summary>
    public async Task<CanaryCheckRun> RunAsync(StageConfig stage, CanaryStagePolicy policy, IReadOnlyList<ServiceConfig> services,
        IntervalExportOptions options, string reportPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var export = await ExportAsync(stage, services, options, cancellationToken).ConfigureAwait(false);
        if (!export.IsOk)
        {
            return CanaryCheckRun.Failed(CanaryCheckStatus.PrometheusFailed, $"Prometheus: {export.Error}", export);
        }

        if (export.Records.IsEmpty)
        {
            return CanaryCheckRun.Failed(CanaryCheckStatus.NoData,
                "Prometheus has no data for the window (no traffic yet, or other metric names)", export);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(reportPath))!;
        Directory.CreateDirectory(directory);
        var recordsPath = Path.Combine(directory, RecordsFileName);
        AtomicFile.Write(recordsPath, export.ToJsonLines());
        var judged = JudgeFile(stage, policy, recordsPath, options.Services.Length == 1 ? options.Services[0] : null);
        if (!judged.IsOk)
        {
            return CanaryCheckRun.Failed(CanaryCheckStatus.BadInput, string.Join("; ", judged.Errors), export, recordsPath);
        }

        var sha = Write(judged.Report!, reportPath);
        return new CanaryCheckRun(CanaryCheckStatus.Judged, null, export, recordsPath, judged, sha);
    }

    /// <summary>Records file → the judge's report (not yet written). Bad input comes back as errors, never as a verdict.</summary>
    public static CanaryFileCheck JudgeFile(StageConfig stage, CanaryStagePolicy policy, string recordsPath, string? service)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var file = IntervalRecordFile.Read(recordsPath);
        if (!file.IsOk)
        {
            return new CanaryFileCheck(null, file.Errors);
        }

        var intervals = CanaryIntervals.Build(file.Records, service);
        if (!intervals.IsOk)
        {
            return new CanaryFileCheck(null, [$"{recordsPath}: {intervals.Error}"]);
        }

        var judge = new CanaryJudge(policy, stage.Slo);
        var verdict = judge.Replay(intervals.Intervals);
        return new CanaryFileCheck(new CanaryReport(stage.Name, intervals.Service, policy, stage.Slo, recordsPath, file.Sha256, file.Records.Length,
            intervals, verdict, judge.LatencyPlan, judge.FailAt, judge.PassAt, judge.ErrorModel, judge.LatencyModel), []);
    }

    /// <summary>
    /// SAFE_APPLY's re-check before a promotion: the same judge on the records the report names must
    /// still pass and give a byte-identical report. Null when it does; otherwise why not.
    /// </summary>
    public static string? Recheck(StageConfig stage, CanaryStagePolicy policy, string recordsPath, string service, string reportSha256)
    {
        ArgumentNullException.ThrowIfNull(reportSha256);
        var judged = JudgeFile(stage, policy, recordsPath, service);
        if (!judged.IsOk)
        {
            return $"cannot re-judge the records {recordsPath}: {string.Join("; ", judged.Errors.Take(3))}";
        }

        var fresh = judged.Report!;
        if (fresh.Verdict.Outcome != CanaryOutcome.Pass)
        {
            return $"the canary check now says {fresh.Verdict.Outcome.ToString().ToLowerInvariant()}";
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(fresh.ToUtf8()));
        return sha == reportSha256
            ? null
            : $"the evidence changed: a fresh report hashes to {sha[..12]}, the approved one to {reportSha256[..12]}; run lumen canary check again";
    }

    /// <summary>Writes the report (all at once) and returns the SHA-256 of its bytes: what an approval binds to.</summary>
    public static string Write(CanaryReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        var bytes = report.ToUtf8();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, bytes);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
