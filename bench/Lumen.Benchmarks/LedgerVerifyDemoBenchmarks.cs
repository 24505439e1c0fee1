using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Lumen.Adapters.LedgerStore;

namespace Lumen.Benchmarks;

/// <summary>
/// <c>lumen ledger verify</c> on a demo-shaped ledger of about 128 MB (<see cref="DemoShapedLedger"/>:
/// 20–40 numbers a line, most of them full-precision doubles), on every core, against SHA-256 of
/// the same file in the same run (.NET's SHA-256 is OpenSSL's on Linux: the
/// <c>openssl dgst -sha256</c> reference). MB/s = the printed size / mean.
/// </summary>
[MemoryDiagnoser]
public class LedgerVerifyDemoBenchmarks
{
    private string _dir = "";
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "lumen-bench-verify-demo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _path = Path.Combine(_dir, FileLedgerStoreOptions.DefaultFileName);
        var bytes = DemoShapedLedger.Write(_path, 128L << 20);
        Console.WriteLine($"// demo-shaped ledger: {bytes} bytes ({bytes / 1e6:F1} MB), {Environment.ProcessorCount} cores");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark]
    public long Verify()
    {
        var report = LedgerFileVerifier.Verify(_path, checkpoint: null, publicKey: null);
        return report.IsValid ? report.Bytes : throw new InvalidOperationException(report.Failure!.ToString());
    }

    [Benchmark]
    public long VerifyOneThread()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var scan = LedgerScan.Run(stream, checkpoint: null);
        return scan.Failure is null ? scan.ValidLength : throw new InvalidOperationException(scan.Failure.ToString());
    }

    [Benchmark(Baseline = true)]
    public byte[] Sha256OfTheFile()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
        return SHA256.HashData(stream);
    }
}
