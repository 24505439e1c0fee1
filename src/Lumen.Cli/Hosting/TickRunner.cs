using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lumen.Cli.Hosting;

/// <summary>
/// Runs the loop's ticks on a <see cref="PeriodicTimer"/> driven by the loop's <see cref="TimeProvider"/>:
/// one tick at once, then one per interval (a tick that overruns delays the next; ticks never overlap).
/// On shutdown the current tick finishes (it is cancelled only when the host's shutdown timeout runs
/// out); the caller then disposes the <see cref="LiveLoop"/>, which flushes the ledger. A ledger write
/// failure stops the process (docs/loop.md: nothing acts without its record).
/// </summary>
internal sealed class TickRunner(LiveLoop live, LoopStatus status, IHostApplicationLifetime lifetime, ILogger<TickRunner> logger)
    : BackgroundService
{
    private readonly CancellationTokenSource _abort = new();

    /// <summary>Set when the loop stopped on an error; the command's exit code.</summary>
    public int? FailureExitCode { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(live.Stage.Policy.Interval, live.Time);
        try
        {
            do
            {
                await TickOnceAsync(live, status, logger, _abort.Token).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            HostLog.Stopping(logger);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && Adapters.FileSystem.DiskFull.IsDiskFull(ex))
        {
            status.Faulted("disk full: " + ex.Message);
            FailureExitCode = ExitCodes.DiskFull;
            await DiskFullAsync(ex).ConfigureAwait(false);
            lifetime.StopApplication();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            HostLog.LoopFailed(logger, ex.Message, ex);
            status.Faulted(ex.Message);
            FailureExitCode = ExitCodes.RuntimeError;
            lifetime.StopApplication();
        }
    }

    /// <summary>The disk is full: the reserve pays for the restores of every open adjustment, then the process stops (exit 9).</summary>
    private async Task DiskFullAsync(Exception ex)
    {
        HostLog.DiskFull(logger, live.StateDir, ex.Message);
        try
        {
            var report = await live.RecoverFromDiskFullAsync(ex.Message, _abort.Token).ConfigureAwait(false);
            foreach (var problem in report.Problems)
            {
                HostLog.TickProblem(logger, report.Tick, problem);
            }

            HostLog.DiskFullRestored(logger, report.Actions, report.Problems.Length);
        }
        catch (Exception again) when (again is not OperationCanceledException)
        {
            HostLog.LoopFailed(logger, "disk full, and restoring the open adjustments failed: " + again.Message, again);
        }
    }

    /// <summary>One tick with its logging and status; shared with <c>lumen run --once</c>.</summary>
    public static async Task<Runtime.Loop.TickReport> TickOnceAsync(LiveLoop live, LoopStatus? status, ILogger logger,
        CancellationToken cancellationToken)
    {
        var report = await live.Loop.TickAsync(cancellationToken).ConfigureAwait(false);
        foreach (var problem in report.Problems)
        {
            HostLog.TickProblem(logger, report.Tick, problem);
        }

        HostLog.TickEnded(logger, report.Tick, report.Actions, report.Problems.Length, live.Ledger.Head.Seq);
        status?.TickEnded(report.Tick, live.Time.GetUtcNow(), report.Problems);
        return report;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown timeout is the only thing that may cut a tick short.
        await using var registration = cancellationToken.Register(_abort.Cancel).ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }
}
