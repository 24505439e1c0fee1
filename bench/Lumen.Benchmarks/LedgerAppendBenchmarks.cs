using BenchmarkDotNet.Attributes;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;

namespace Lumen.Benchmarks;

/// <summary>
/// Durable appends per second with group commit: <see cref="Writers"/> tasks append concurrently
/// into a temp dir; each append waits until its batch is fsync'd. Throughput is
/// <see cref="Appends"/> / mean time. The disk decides the result (one fsync per batch).
/// </summary>
[MemoryDiagnoser]
public class LedgerAppendBenchmarks
{
    private const int Appends = 256;
    private string _dir = "";
    private FileLedgerStore _store = null!;
    private LedgerDraft _draft = null!;

    [Params(1, 16, 64)]
    public int Writers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "lumen-bench-ledger-" + Guid.NewGuid().ToString("N"));
        _store = FileLedgerStore.OpenAsync(FileLedgerStoreOptions.InStateDirectory(_dir), TimeProvider.System).GetAwaiter().GetResult();
        _draft = new LedgerDraft(LedgerKinds.AdjustmentIntent, "prod", "checkout", "loop", LedgerData.From(new
        {
            adjustment_id = "adj-000042", knob = "db_pool_size", from = 40, to = 44,
            expires_at = "2025-11-25T19:00:00.000Z", reason = "rule:latency_high",
        }));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Appends)]
    public async Task DurableAppend()
    {
        var perWriter = Appends / Writers;
        var tasks = new Task[Writers];
        for (var w = 0; w < Writers; w++)
        {
            tasks[w] = Task.Run(async () =>
            {
                for (var i = 0; i < perWriter; i++)
                {
                    await _store.AppendAsync(_draft).ConfigureAwait(false);
                }
            });
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
