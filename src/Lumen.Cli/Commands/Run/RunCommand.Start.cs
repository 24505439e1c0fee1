using Lumen.Adapters.Config;
using Lumen.Adapters.FileSystem;
using Lumen.Adapters.LedgerStore;
using Lumen.Cli.Hosting;
using Spectre.Console;

namespace Lumen.Cli.Commands.Run;

/// <summary><c>lumen run</c>'s start: the loop composed, or the exit code of why not (bad config, a ledger that cannot be opened, a full disk).</summary>
internal sealed partial class RunCommand
{
    private async Task<(LiveLoop? Live, int Exit)> StartAsync(LumenSettings loaded, string stateDir, CancellationToken cancellationToken)
    {
        LiveLoopBuild build;
        try
        {
            build = await LiveLoop.BuildAsync(loaded, env, new LiveLoopOptions(stateDir, time)
            {
                Backfill = true,
                StartLog = new LineProgress(line => console.Profile.Out.Writer.WriteLine(line)),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (DiskFull.IsDiskFull(ex))
        {
            return (null, await DiskFullAsync(loaded, stateDir, ex, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LedgerCorruptException)
        {
            console.MarkupLineInterpolated($"[red]lumen run:[/] cannot open the ledger in {stateDir}: {ex.Message}");
            return (null, ExitCodes.RuntimeError);
        }

        return build.Loop is { } live ? (live, ExitCodes.Ok) : (null, BadConfig(build.Errors));
    }

    /// <summary>The disk is full at start: nothing can be ledgered, so what is due is restored without the loop, then exit 9 (docs/reliability.md).</summary>
    private async Task<int> DiskFullAsync(LumenSettings loaded, string stateDir, Exception ex, CancellationToken cancellationToken)
    {
        console.MarkupLineInterpolated($"[red]lumen run: disk full:[/] {stateDir}: {ex.Message}. Nothing can be ledgered; restoring what is due, then stopping (exit {ExitCodes.DiskFull})");
        var holder = env.Get(LiveLoop.LeaseHolderEnv) is { Length: > 0 } h ? h : $"{Environment.MachineName}:{Path.GetFullPath(stateDir)}";
        foreach (var line in await DiskFullStart.RestoreDueAsync(loaded, env, stateDir, holder, time, cancellationToken).ConfigureAwait(false))
        {
            console.Profile.Out.Writer.WriteLine("lumen run: disk full: " + line);
        }

        console.MarkupLineInterpolated($"[red]lumen run: disk full:[/] free space in {stateDir} (the ledger and its {DiskReserve.FileName} of {DiskReserve.DefaultBytes >> 20} MiB need room) and start again");
        return ExitCodes.DiskFull;
    }
}
