using BenchmarkDotNet.Attributes;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;

namespace Lumen.Benchmarks;

/// <summary>
/// Verification throughput: <c>lumen ledger verify</c>'s work (read, streaming canonical check,
/// SHA-256, chain checks) over a ledger of <see cref="Entries"/> typical entries. MB/s is the
/// file size printed at setup divided by the mean time. Every line takes the verifier's fast
/// path (<c>LedgerLineValidator</c>); a bad line would fall back to the parse-and-rewrite path.
/// </summary>
[MemoryDiagnoser]
public class LedgerVerifyBenchmarks
{
    private string _dir = "";
    private string _path = "";

    [Params(100_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "lumen-bench-verify-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _path = Path.Combine(_dir, FileLedgerStoreOptions.DefaultFileName);
        var start = new DateTimeOffset(2025, 11, 25, 0, 0, 0, TimeSpan.Zero);
        using var file = new FileStream(_path, FileMode.Create, FileAccess.Write);
        var prev = LedgerHash.Genesis;
        for (var i = 1; i <= Entries; i++)
        {
            var data = LedgerData.From(new
            {
                adjustment_id = $"adj-{i:D6}", knob = "db_pool_size", from = 40 + (i % 7), to = 44 + (i % 5),
                expires_at = "2025-11-25T19:00:00.000Z", reason = "rule:latency_high", score = i * 0.001,
            });
            var entry = LedgerCanonical.Seal(new LedgerDraft(LedgerKinds.AdjustmentIntent, "prod", "checkout", "loop", data),
                i, start.AddSeconds(i), prev);
            file.Write(LedgerCanonical.Serialize(entry));
            file.WriteByte((byte)'\n');
            prev = entry.Hash;
        }

        Console.WriteLine($"// ledger for verification: {Entries} entries, {file.Length} bytes ({file.Length / 1e6:F1} MB)");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark]
    public long Verify()
    {
        var report = LedgerFileVerifier.Verify(_path, checkpoint: null, publicKey: null);
        return report.IsValid ? report.Bytes : throw new InvalidOperationException(report.Failure!.ToString());
    }
}
