using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Lumen.Core.Ledger;

namespace Lumen.Benchmarks;

/// <summary>
/// The CPU of an append without the store: <c>canonical-loop N</c> runs, N times on one thread, what
/// an append costs in canonical JSON and hashing (the caller's <see cref="LedgerCanonical.CanonicalData"/>
/// and the writer's <see cref="LedgerLineWriter.WriteLine"/>) for the <see cref="AppendLoop"/> draft,
/// and prints the time, the process's CPU time and the bytes allocated per entry.
/// </summary>
internal static class CanonicalLoop
{
    public static int Run(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var draft = AppendLoop.Draft();
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using var lines = new LedgerLineWriter();
        var prev = LedgerHash.Genesis;
        var ts = DateTimeOffset.UtcNow;
        for (var round = 0; round < 3; round++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            for (var i = 1; i <= n; i++)
            {
                if (buffer.WrittenCount > 60_000)
                {
                    buffer.ResetWrittenCount();
                }

                var data = LedgerCanonical.CanonicalData(draft.Data);
                prev = lines.WriteLine(buffer, draft, data, i, ts, prev);
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: {elapsed.TotalNanoseconds / n:F0} ns per entry ({cpuUsed.TotalNanoseconds / n:F0} ns CPU), {(GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)n:F0} B allocated per entry"));
        }

        return 0;
    }
}
