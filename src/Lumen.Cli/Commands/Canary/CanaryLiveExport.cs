using Lumen.Adapters.Prometheus;

namespace Lumen.Cli.Commands.Canary;

/// <summary>The records of a live export and the options they were read with, or the exit code and why not.</summary>
internal sealed record CanaryLiveExport(IntervalExportResult? Result, IntervalExportOptions? Options, int ExitCode, string? Error)
{
    public static CanaryLiveExport Failed(int exitCode, string error) => new(null, null, exitCode, error);
}
