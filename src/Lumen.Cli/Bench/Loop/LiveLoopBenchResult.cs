namespace Lumen.Cli.Bench.Loop;

/// <summary>What the live variant of <c>lumen bench loop</c> measured (medians over the measured ticks).</summary>
/// <param name="Services">Services read (each with a baseline and a canary track).</param>
/// <param name="Queries">Batched queries per tick (one per SLI template and window).</param>
/// <param name="Ticks">Measured ticks.</param>
/// <param name="RawQueryMs">The same batched queries sent raw, in parallel, answers read and dropped: wall ms.</param>
/// <param name="CollectMs">The loop's SLI collect (query, parse, classify, snapshot): wall ms.</param>
/// <param name="TickWallMs">The whole tick (collect, knob reads, map, observe, …, in shadow mode): wall ms.</param>
/// <param name="OkTracks">Tracks with every reading Ok at the last measured tick (proves the data were there).</param>
/// <param name="KnobReadsPerTarget">Knob requests per target per tick.</param>
/// <param name="MaxReadsPerTarget">The most requests one target got in one tick.</param>
/// <param name="TargetsRead">Targets that got a request in a tick.</param>
/// <param name="Targets">Targets configured (services × 2 tracks).</param>
internal sealed record LiveLoopBenchResult(
    int Services,
    int Queries,
    int Ticks,
    double RawQueryMs,
    double CollectMs,
    double TickWallMs,
    int OkTracks,
    double KnobReadsPerTarget,
    int MaxReadsPerTarget,
    int TargetsRead,
    int Targets)
{
    public double CollectOverRaw => CollectMs / RawQueryMs;
}
