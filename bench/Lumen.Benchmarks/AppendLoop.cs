using System.Diagnostics;
using System.Globalization;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;

namespace Lumen.Benchmarks;

/// <summary>
/// Closed-loop durable appends, the figure the C reference (bench/fsync-reference) is compared with:
/// <c>append-loop DIR WRITERS APPENDS [WARMUP_SECONDS [HEAD_EVERY_BATCHES]]</c> (the last to compare head rules; default: the store's). WRITERS tasks each await their append
/// before the next; after the warm-up, APPENDS appends are timed. Prints the wall time and the
/// process's CPU time per append, bytes allocated per append, entries per fsync and the line length.
/// </summary>
internal static class AppendLoop
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length is < 3 or > 5)
        {
            await Console.Error.WriteLineAsync("usage: append-loop DIR WRITERS APPENDS [WARMUP_SECONDS [HEAD_EVERY_BATCHES]]").ConfigureAwait(false);
            return 2;
        }

        var root = args[0];
        var writers = int.Parse(args[1], CultureInfo.InvariantCulture);
        var appends = int.Parse(args[2], CultureInfo.InvariantCulture);
        var warmup = TimeSpan.FromSeconds(args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 1.5);
        var dir = Path.Combine(root, "lumen-append-loop-" + Guid.NewGuid().ToString("N"));
        var io = new CountingIo();
        var options = FileLedgerStoreOptions.InStateDirectory(dir);
        options = args.Length > 4 ? options with { HeadEveryBatches = int.Parse(args[4], CultureInfo.InvariantCulture) } : options;
        var store = await FileLedgerStore.OpenAsync(options, TimeProvider.System, io,
            CancellationToken.None).ConfigureAwait(false);
        try
        {
            var draft = Draft();
            var until = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
            await RunWritersAsync(store, draft, writers, _ => Stopwatch.GetTimestamp() < until).ConfigureAwait(false);

            var perWriter = Math.Max(1, appends / writers);
            var (writes, bytes) = (io.Writes, io.Bytes);
            var process = Process.GetCurrentProcess();
            var (cpu, user) = (process.TotalProcessorTime, process.UserProcessorTime);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var start = Stopwatch.GetTimestamp();
            await RunWritersAsync(store, draft, writers, i => i < perWriter).ConfigureAwait(false);
            var wall = Stopwatch.GetElapsedTime(start);
            var total = perWriter * writers;
            process.Refresh();
            var cpuUsed = process.TotalProcessorTime - cpu;
            var userUsed = process.UserProcessorTime - user;
            var allocatedPer = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)total;
            var batches = io.Writes - writes;
            var lineBytes = (io.Bytes - bytes) / (double)total;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"writers {writers}: {total} appends, {wall.TotalMicroseconds / total:F2} us per append, " +
                $"{cpuUsed.TotalMicroseconds / total:F2} us CPU per append ({userUsed.TotalMicroseconds / total:F2} user), {allocatedPer:F0} B allocated per append, " +
                $"{total / (double)Math.Max(1, batches):F1} entries per fsync, {lineBytes:F0} B per line"));
            return 0;
        }
        finally
        {
            await store.DisposeAsync().ConfigureAwait(false);
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The entry every writer appends: an <c>adjustment.intent</c> of about 500 bytes.</summary>
    public static LedgerDraft Draft() =>
        new(LedgerKinds.AdjustmentIntent, "prod", "checkout", "loop", LedgerData.From(new
        {
            adjustment_id = "adj-000042", knob = "db_pool_size", from = 40, to = 44,
            expires_at = "2025-11-25T19:00:00.000Z", reason = "rule:latency_high",
            context = new { p99_ms = 412.5, error_rate = 0.0031, rps = 1834.2, slo_p99_ms = 350 },
        }));

    private static async Task RunWritersAsync(FileLedgerStore store, LedgerDraft draft, int writers, Func<int, bool> more)
    {
        var tasks = new Task[writers];
        for (var w = 0; w < writers; w++)
        {
            tasks[w] = Task.Run(async () =>
            {
                for (var i = 0; more(i); i++)
                {
                    await store.AppendAsync(draft).ConfigureAwait(false);
                }
            });
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>The real durable writes, counted (ledger batches only: the head file does not go through WriteDurably).</summary>
    private sealed class CountingIo : IDurableIo
    {
        private readonly IDurableIo _inner = DurableIo.Instance;

        public long Writes { get; private set; }

        public long Bytes { get; private set; }

        public void WriteDurably(FileStream file, ReadOnlySpan<byte> bytes)
        {
            _inner.WriteDurably(file, bytes);
            if (file.Name.EndsWith(".jsonl", StringComparison.Ordinal))
            {
                Writes++;
                Bytes += bytes.Length;
            }
        }

        public void Truncate(FileStream file, long length) => _inner.Truncate(file, length);

        public void SyncDirectory(string directory) => _inner.SyncDirectory(directory);
    }
}
