using System.Diagnostics;
using Lumen.Core.Sli;

namespace Lumen.Cli.Bench.Loop;

/// <summary>The loop's SLI source with the wall time of its last read kept (the collect of the live loop benchmark).</summary>
internal sealed class TimedSliSource(ISliSource inner) : ISliSource
{
    public TimeSpan LastRead { get; private set; }

    public SliSnapshot? LastSnapshot { get; private set; }

    public async Task<SliSnapshot> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var snapshot = await inner.ReadAsync(now, cancellationToken).ConfigureAwait(false);
        LastRead = Stopwatch.GetElapsedTime(started);
        LastSnapshot = snapshot;
        return snapshot;
    }
}
