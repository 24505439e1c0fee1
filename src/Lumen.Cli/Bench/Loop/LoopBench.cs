using System.Diagnostics;
using Lumen.Cli.Bench.Tuner;
using Lumen.Cli.Composition;
using Lumen.Cli.Demo;
using Lumen.Core.Adjustments;
using Lumen.Core.Canary;
using Lumen.Core.Publishing;
using Lumen.Runtime.Loop;
using Lumen.Simulator.Loop;
using Lumen.Simulator.World;

namespace Lumen.Cli.Bench.Loop;

/// <summary>
/// One control-loop tick at N services on the simulator (docs/benchmarks.md, "Loop tick"): the
/// real loop (<see cref="LoopBuilder"/>, the value-level tuner, the guard) with the demo's
/// configuration, an in-memory ledger (the ledger's own cost is in the ledger benchmarks) and no
/// metrics sink. The history is backfilled first (<see cref="LoopBenchHistory"/>: <c>days</c> of
/// simulated readings, as a live start reads them from Prometheus), so the mapper acts from the first
/// tick; then <c>warmUp</c> ticks run unmeasured and <c>ticks</c> are measured.
/// </summary>
internal static class LoopBench
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<LoopBenchResult> RunAsync(int services, double days, int warmUp, int ticks, ulong seed, int allocationTypes,
        CancellationToken cancellationToken)
    {
        var clockStarted = Stopwatch.StartNew();
        var history = TimeSpan.FromDays(days);
        var environment = LoopBenchServices.For(services, Start + history);
        var world = new SimulatedWorld(environment, seed);
        var twin = new SimulatedWorld(environment with { Start = Start }, seed);
        var clock = new SimulatedClock(world);
        var ledger = new MemoryLedgerStore(clock);
        var ports = LoopParts.Simulated(world, ledger, new NoMetrics(), new MemoryStateFiles(), clock);
        var interval = TimeSpan.FromSeconds(environment.TickSeconds);
        var loop = await LoopBuilder.BuildAsync(LoopParts.SimulatedOptions(DemoConfig.For(environment), "lumen-bench", seed) with
        {
            HistorySource = new LoopBenchHistory(twin),
            HistoryCapacity = Math.Max(1, (int)Math.Ceiling(history / interval)),
            BackfillChunkPoints = 120,
            BackfillParallelism = 1,
        }, ports, cancellationToken).ConfigureAwait(false);

        for (var i = 0; i < warmUp; i++)
        {
            world.Advance();
            await loop.TickAsync(cancellationToken).ConfigureAwait(false);
        }

        var warmUpSeconds = clockStarted.Elapsed.TotalSeconds;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var process = Process.GetCurrentProcess();
        TimeSpan cpu = TimeSpan.Zero, wall = TimeSpan.Zero;
        long allocated = 0;
        var collections = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
        var pausedBefore = GC.GetTotalPauseDuration();
        using var byType = allocationTypes > 0 ? new AllocationsByType() : null;
        byType?.Start();
        for (var i = 0; i < ticks; i++)
        {
            world.Advance();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var allocBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            await loop.TickAsync(cancellationToken).ConfigureAwait(false);
            wall += watch.Elapsed;
            allocated += GC.GetTotalAllocatedBytes(precise: true) - allocBefore;
            process.Refresh();
            cpu += process.TotalProcessorTime - cpuBefore;
        }

        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        for (var generation = 0; generation < collections.Length; generation++)
        {
            collections[generation] = GC.CollectionCount(generation) - collections[generation];
        }

        // After the counters: stopping allocates a marker of its own.
        var types = byType?.Stop(allocationTypes).Select(t => (t.Type, (double)t.Bytes / ticks)).ToList() ?? [];

        process.Refresh();
        var rss = process.WorkingSet64 / (1024.0 * 1024.0);
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024.0);
        var fullCollection = Stopwatch.StartNew();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        fullCollection.Stop();
        var live = GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024.0);
        var mapped = loop.Readiness.Values.Count(r => r.Ready);
        var points = loop.Readiness.Values.Select(r => r.Points).DefaultIfEmpty(0).Max();
        return new LoopBenchResult(services, points, mapped, ticks, cpu.TotalMilliseconds / ticks, wall.TotalMilliseconds / ticks,
            (double)allocated / ticks, rss, heap, live, warmUpSeconds,
            [.. collections.Select(c => (double)c / ticks)], paused.TotalMilliseconds / ticks, fullCollection.Elapsed.TotalMilliseconds, types);
    }

    private sealed class NoMetrics : IMetricsSink
    {
        public Task<PublishResult> PublishAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken) =>
            Task.FromResult(PublishResult.Ok);
    }
}
