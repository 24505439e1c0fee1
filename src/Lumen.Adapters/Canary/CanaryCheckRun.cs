using Lumen.Adapters.Prometheus;

namespace Lumen.Adapters.Canary;

/// <summary>The outcome of a live canary check: the status, the export, the judged report (when <see cref="CanaryCheckStatus.Judged"/>) and where things were written.</summary>
public sealed record CanaryCheckRun(
    CanaryCheckStatus Status,
    string? Error,
    IntervalExportResult? Export,
    string? RecordsPath,
    CanaryFileCheck? Judged,
    string? ReportSha256)
{
    public static CanaryCheckRun Failed(CanaryCheckStatus status, string error, IntervalExportResult? export = null, string? recordsPath = null) =>
        new(status, error, export, recordsPath, null, null);
}
