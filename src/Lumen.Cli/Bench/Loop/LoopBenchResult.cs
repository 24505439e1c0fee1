namespace Lumen.Cli.Bench.Loop;

/// <summary>What <c>lumen bench loop</c> measured: per tick after warm-up, the loop's step only (the simulator's own advance excluded).</summary>
/// <param name="Services">How many services the loop ran.</param>
/// <param name="HistoryPoints">Canary history points per service when measuring (what the mapper reads).</param>
/// <param name="MappedServices">Services the mapper gave coordinates at the last measured tick (the mapper acting).</param>
/// <param name="Ticks">Measured ticks.</param>
/// <param name="CpuMsPerTick">Process CPU time (user + system, every thread) per tick.</param>
/// <param name="WallMsPerTick">Wall time per tick.</param>
/// <param name="AllocBytesPerTick">Managed bytes allocated per tick (every thread).</param>
/// <param name="RssMb">Resident set size after the measured ticks, MiB.</param>
/// <param name="HeapMb">The managed heap after the measured ticks, MiB.</param>
/// <param name="LiveHeapMb">The managed heap after a full, compacting collection that follows them: what the loop keeps, MiB.</param>
/// <param name="WarmUpSeconds">Wall time of the start (backfill of the history and the warm-up ticks).</param>
/// <param name="CollectionsPerTick">Garbage collections per tick, by generation (0, 1, 2; a collection of generation n counts in every generation up to n).</param>
/// <param name="GcPauseMsPerTick">Time the runtime paused the process for collections, per tick.</param>
/// <param name="AllocationsByType">With <c>--alloc-types N</c>: the N types that allocated most, bytes per tick (sampled; <see cref="Loop.AllocationsByType"/>).</param>
/// <param name="FullCollectionMs">Wall time of one full, blocking, compacting collection of the heap after the measured ticks (the longest pause the loop's heap can cause).</param>
internal sealed record LoopBenchResult(
    int Services,
    int HistoryPoints,
    int MappedServices,
    int Ticks,
    double CpuMsPerTick,
    double WallMsPerTick,
    double AllocBytesPerTick,
    double RssMb,
    double HeapMb,
    double LiveHeapMb,
    double WarmUpSeconds,
    IReadOnlyList<double> CollectionsPerTick,
    double GcPauseMsPerTick,
    double FullCollectionMs,
    IReadOnlyList<(string Type, double BytesPerTick)> AllocationsByType);
