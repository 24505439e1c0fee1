using Microsoft.Extensions.Logging;

namespace Lumen.Cli.Hosting;

/// <summary>The live loop's log messages (source-generated). URLs are logged without user info; secrets never.</summary>
internal static partial class HostLog
{
    [LoggerMessage(1, LogLevel.Information, "Loop started: stage {Stage}, {Mode} mode, tick every {IntervalSeconds} s, Prometheus {Prometheus}, state {StateDir}")]
    public static partial void Started(ILogger logger, string stage, string mode, int intervalSeconds, string prometheus, string stateDir);

    [LoggerMessage(2, LogLevel.Information, "Tick {Tick}: {Actions} action(s), {Problems} problem(s), ledger head {Head}")]
    public static partial void TickEnded(ILogger logger, long tick, int actions, int problems, long head);

    [LoggerMessage(3, LogLevel.Warning, "Tick {Tick}: {Problem}")]
    public static partial void TickProblem(ILogger logger, long tick, string problem);

    [LoggerMessage(4, LogLevel.Critical, "The loop stopped: {Reason}")]
    public static partial void LoopFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "Serving /metrics, /healthz and /readyz on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(6, LogLevel.Information, "Shutting down: the current tick finishes, then the ledger is flushed")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(7, LogLevel.Information, "Stopped after tick {Tick}; ledger head {Head}")]
    public static partial void Stopped(ILogger logger, long tick, long head);

    [LoggerMessage(8, LogLevel.Information, "Approvals: the web console and Slack interactions are off (set LUMEN_CONSOLE_TOKEN or LUMEN_SLACK_SIGNING_SECRET, or their _FILE, to serve them)")]
    public static partial void ApprovalsOff(ILogger logger);

    [LoggerMessage(9, LogLevel.Information, "Web console on {Path}")]
    public static partial void ConsoleOn(ILogger logger, string path);

    [LoggerMessage(10, LogLevel.Information, "Slack interactions on {Path}")]
    public static partial void SlackOn(ILogger logger, string path);

    [LoggerMessage(11, LogLevel.Information, "Rollout endpoints (Flagger webhooks, Argo web metrics) on {Path}/flagger|argo/judge|confirm-promotion for {Count} mapped service(s)")]
    public static partial void RolloutsOn(ILogger logger, string path, int count);

    [LoggerMessage(12, LogLevel.Critical, "Disk full: a ledger write in {StateDir} failed ({Reason}); releasing the reserve to restore every open adjustment, then stopping (exit 9)")]
    public static partial void DiskFull(ILogger logger, string stateDir, string reason);

    [LoggerMessage(13, LogLevel.Critical, "Disk full: the restore pass made {Actions} action(s) with {Problems} problem(s); the loop stops. Free space in the state directory and start it again")]
    public static partial void DiskFullRestored(ILogger logger, int actions, int problems);

    [LoggerMessage(14, LogLevel.Warning, "Lease: {Message}")]
    public static partial void Lease(ILogger logger, string message);

    /// <summary>A URL as it may be logged: without user info.</summary>
    public static string Url(Uri url) =>
        url.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped);
}
