using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;

namespace Lumen.Adapters.Tests.LedgerStore;

public sealed class LedgerParallelScanTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly List<LedgerEntry> Entries = DemoShaped(300);
    private static readonly byte[] Valid = FileOf(Entries.Select(LedgerCanonical.Serialize));

    [Fact]
    public void Run_ValidLedgerInManySmallBlocks_SameAsSequential()
    {
        var parallel = Parallel(Valid, new LedgerCheckpoint(300, Entries[^1].Hash, Start), blockSize: 1024);
        var sequential = Sequential(Valid, new LedgerCheckpoint(300, Entries[^1].Hash, Start));

        Assert.Null(parallel.Failure);
        Assert.Equal(sequential, parallel);
        Assert.Equal(300, parallel.Entries);
        Assert.Equal(Valid.Length, parallel.ValidLength);
    }

    [Property(MaxTest = 300)]
    public Property Run_AnyByteFlipped_FailsAtTheSameLineAsSequential(NonNegativeInt position, byte mask, PositiveInt block)
    {
        var tampered = (byte[])Valid.Clone();
        var at = position.Get % tampered.Length;
        tampered[at] ^= mask == 0 ? (byte)1 : mask;

        var parallel = Parallel(tampered, null, blockSize: 256 + (block.Get % 8192));
        var sequential = Sequential(tampered, null);

        return (parallel.Failure is not null && parallel == sequential && parallel.Failure.Line == 1 + Valid.AsSpan(0, at).Count((byte)'\n'))
            .Label($"byte {at} ^ {mask}: parallel {parallel}, sequential {sequential}");
    }

    [Fact]
    public void Run_LineDeletedOrSwapped_ReportsTheSameFaultAsSequential()
    {
        var lines = Entries.Select(LedgerCanonical.Serialize).ToList();
        var deleted = FileOf(lines.Where((_, i) => i != 150));
        (lines[200], lines[201]) = (lines[201], lines[200]);
        var swapped = FileOf(lines);

        var gap = Parallel(deleted, null, blockSize: 2048);
        var order = Parallel(swapped, null, blockSize: 2048);

        Assert.Equal(new LedgerVerifyFailure(151, LedgerFaultKind.SeqGap, gap.Failure!.Reason), gap.Failure);
        Assert.Equal(201, order.Failure!.Line);
        Assert.Equal(Sequential(deleted, null), gap);
        Assert.Equal(Sequential(swapped, null), order);
    }

    [Fact]
    public void Run_TornLastLineAndHeadChecks_SameAsSequential()
    {
        var torn = Valid[..^40];
        var wrongHead = new LedgerCheckpoint(120, Entries[118].Hash, Start);
        var beyond = new LedgerCheckpoint(301, Entries[^1].Hash, Start);

        foreach (var (file, head) in new[] { (torn, (LedgerCheckpoint?)null), (Valid, wrongHead), (Valid, beyond) })
        {
            var parallel = Parallel(file, head, blockSize: 4096);
            Assert.NotNull(parallel.Failure);
            Assert.Equal(Sequential(file, head), parallel);
        }

        Assert.True(Parallel(torn, null, blockSize: 4096).IsRepairableTornTail);
    }

    [Fact]
    public void Run_WholeLedgerInOneBlock_HeadInsideTheLinkedRunStillChecked()
    {
        var matching = new LedgerCheckpoint(150, Entries[149].Hash, Start);
        var wrong = new LedgerCheckpoint(150, Entries[148].Hash, Start);

        var good = Parallel(Valid, matching, blockSize: 1 << 20);
        var bad = Parallel(Valid, wrong, blockSize: 1 << 20);

        Assert.Null(good.Failure);
        Assert.Equal(300, good.Entries);
        Assert.Equal(Sequential(Valid, matching), good);
        Assert.Equal(LedgerFaultKind.HeadMismatch, bad.Failure!.Kind);
        Assert.Equal(150, bad.Failure.Line);
        Assert.Equal(Sequential(Valid, wrong), bad);
    }

    private static LedgerScan Parallel(byte[] file, LedgerCheckpoint? head, int blockSize)
    {
        using var stream = new MemoryStream(file);
        return LedgerParallelScan.Run(stream, head, degree: 3, blockSize);
    }

    private static LedgerScan Sequential(byte[] file, LedgerCheckpoint? head)
    {
        using var stream = new MemoryStream(file);
        return LedgerScan.Run(stream, head);
    }

    private static byte[] FileOf(IEnumerable<byte[]> lines) => [.. lines.SelectMany(l => l.Append((byte)'\n'))];

    /// <summary>Entries shaped like the demo's observations: a dozen numbers each, integers and decimals.</summary>
    private static List<LedgerEntry> DemoShaped(int count)
    {
        var random = new Random(7);
        var entries = new List<LedgerEntry>(count);
        var prev = LedgerHash.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var data = LedgerData.Parse(string.Create(CultureInfo.InvariantCulture,
                $$$"""{"tick":{{{i}}},"tracks":{"canary":{"p95_ms":{{{random.NextDouble() * 300}}},"error_rate":{{{random.NextDouble() / 100}}},"rps":{{{Math.Round(random.NextDouble() * 2000, 3)}}},"status":"ok"}},"coordinates":{"load":{{{random.NextDouble()}}},"phase":{{{random.NextDouble() * 6}}},"health":1,"coherence":0.{{{random.Next(1, 99999)}}}},"knobs":{"canary":{"cache_size_mb":{{{random.Next(64, 4096)}}},"timeout_ms":-{{{random.Next(1, 9)}}}}},"e":{{{random.NextDouble() * 1e-7}}}}"""));
            var entry = LedgerCanonical.Seal(new LedgerDraft(LedgerKinds.Observation, "dev", "checkout", "loop", data), i, Start.AddSeconds(i * 30), prev);
            entries.Add(entry);
            prev = entry.Hash;
        }

        return entries;
    }
}
