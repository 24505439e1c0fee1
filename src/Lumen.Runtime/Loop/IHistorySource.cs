namespace Lumen.Runtime.Loop;

/// <summary>
/// Where the loop's start-up backfill reads the canary SLI history of the time it did not observe
/// itself (docs/live.md, "Backfill"): the same SLI queries as a tick, as a range at a fixed step.
/// One call reads one chunk for every service; <see cref="HistoryBackfill"/> cuts the range into
/// chunks. Expected failures (backend down, an error answer, garbage) are problems in the result,
/// and a point the backend did not give is absent or NaN, never 0.
/// </summary>
public interface IHistorySource
{
    /// <summary>The canary samples of every service on the grid <paramref name="start"/>, +step, … ≤ <paramref name="end"/>.</summary>
    /// <param name="rpsOnly">Read only the throughput (the other SLIs are left unknown): what the mapper needs from
    /// history older than the coherence horizon, where latency and errors no longer weigh.</param>
    Task<HistoryChunk> ReadAsync(DateTimeOffset start, DateTimeOffset end, TimeSpan step, bool rpsOnly, CancellationToken cancellationToken);
}
