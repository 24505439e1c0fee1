using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lumen.Cli.Bench.Loop;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Bench;

/// <summary>
/// <c>lumen bench loop --services N [--days D] [--ticks N] [--warmup N] [--alloc-types N] [--json]</c>: CPU
/// time, wall time, allocations, collections and RSS of one control-loop tick at N simulated services,
/// after warm-up, with a backfilled history so the mapper acts (docs/benchmarks.md, "Loop tick").
/// </summary>
internal sealed class BenchLoopCommand(IAnsiConsole console) : AsyncCommand<BenchLoopSettings>
{
    public const int MaxServices = 100_000;

    public override async Task<int> ExecuteAsync(CommandContext context, BenchLoopSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Services is < 1 or > MaxServices || !(settings.Days >= 0.5 && settings.Days <= 7) || settings.Ticks < 1 || settings.WarmUp < 0
            || settings.Seed < 0 || settings.AllocTypes is < 0 or > 100)
        {
            console.MarkupLineInterpolated(
                $"[red]error:[/] --services must be in [[1, {MaxServices}]], --days in [[0.5, 7]], --ticks ≥ 1, --warmup ≥ 0, --seed ≥ 0, --alloc-types in [[0, 100]] (got --services {settings.Services}, --days {settings.Days}, --ticks {settings.Ticks}, --warmup {settings.WarmUp}, --seed {settings.Seed}, --alloc-types {settings.AllocTypes}).");
            return ExitCodes.BadInput;
        }

        if (settings.Prometheus is { } prometheus)
        {
            return await LiveLoopBenchReport.RunAsync(console, prometheus, settings.Services, settings.At, settings.WarmUp, settings.Ticks, settings.Json,
                cancellationToken).ConfigureAwait(false);
        }

        var r = await LoopBench.RunAsync(settings.Services, settings.Days, settings.WarmUp, settings.Ticks, (ulong)settings.Seed, settings.AllocTypes,
            cancellationToken).ConfigureAwait(false);
        if (settings.Json)
        {
            var json = new JsonObject
            {
                ["services"] = r.Services,
                ["history_points"] = r.HistoryPoints,
                ["mapped_services"] = r.MappedServices,
                ["ticks"] = r.Ticks,
                ["cpu_ms_per_tick"] = Math.Round(r.CpuMsPerTick, 3),
                ["wall_ms_per_tick"] = Math.Round(r.WallMsPerTick, 3),
                ["alloc_bytes_per_tick"] = Math.Round(r.AllocBytesPerTick),
                ["rss_mb"] = Math.Round(r.RssMb, 1),
                ["heap_mb"] = Math.Round(r.HeapMb, 1),
                ["live_heap_mb"] = Math.Round(r.LiveHeapMb, 1),
                ["gc_per_tick"] = new JsonObject
                {
                    ["gen0"] = Math.Round(r.CollectionsPerTick[0], 2),
                    ["gen1"] = Math.Round(r.CollectionsPerTick[1], 2),
                    ["gen2"] = Math.Round(r.CollectionsPerTick[2], 2),
                },
                ["gc_pause_ms_per_tick"] = Math.Round(r.GcPauseMsPerTick, 3),
                ["gc_gen0_budget_bytes"] = Gen0Budget(),
                ["full_gc_ms"] = Math.Round(r.FullCollectionMs, 3),
                ["cores"] = Environment.ProcessorCount,
                ["warmup_seconds"] = Math.Round(r.WarmUpSeconds, 2),
            };
            if (settings.AllocTypes > 0)
            {
                json["alloc_by_type"] = new JsonArray([.. r.AllocationsByType.Select(t => (JsonNode)new JsonObject
                {
                    ["type"] = t.Type,
                    ["bytes_per_tick"] = Math.Round(t.BytesPerTick),
                })]);
            }

            console.Profile.Out.Writer.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Services} services, {r.HistoryPoints} history points each, {r.MappedServices} mapped; {r.Ticks} ticks after warm-up ({r.WarmUpSeconds:0.0} s to start)"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per tick: {r.CpuMsPerTick:0.0} ms CPU, {r.WallMsPerTick:0.0} ms wall, {r.AllocBytesPerTick / 1e6:0.00} MB allocated, {r.CollectionsPerTick[0]:0.#} collections ({r.GcPauseMsPerTick:0.0} ms paused, young generation's budget {Gen0Budget() / 1048576.0:0.#} MiB); RSS {r.RssMb:0} MiB (managed heap {r.HeapMb:0} MiB, {r.LiveHeapMb:0} MiB live)"));
        foreach (var (type, bytes) in r.AllocationsByType)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes / 1e6,8:0.00} MB per tick  {type}"));
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The collector's largest young-generation budget (its <c>GCGen0MaxBudget</c>): what the build sets
    /// (docs/benchmarks.md, "seventh pass"), or DOTNET_GCgen0size; null when the runtime does not say.
    /// </summary>
    internal static long? Gen0Budget() =>
        GC.GetConfigurationVariables().TryGetValue("GCGen0MaxBudget", out var value) && value is IConvertible c
            ? c.ToInt64(CultureInfo.InvariantCulture)
            : null;
}
