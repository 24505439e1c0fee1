using System.Security.Cryptography;
using System.Text;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Adapters.Tests.LedgerStore;

public sealed class FileLedgerStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 11, 25, 18, 0, 0, TimeSpan.Zero));

    private FileLedgerStoreOptions Options => FileLedgerStoreOptions.InStateDirectory(_dir.Path);

    private string LedgerPath => Options.LedgerPath;

    public void Dispose() => _dir.Dispose();

    private static LedgerDraft Draft(int i) =>
        new(LedgerKinds.AdjustmentIntent, "dev", "checkout", "loop", LedgerData.From(new { knob = "pool", to = i }));

    private async Task AppendEntries(int count, FileLedgerStoreOptions? options = null)
    {
        await using var store = await FileLedgerStore.OpenAsync(options ?? Options, _time);
        for (var i = 0; i < count; i++)
        {
            await store.AppendAsync(Draft(i));
        }
    }

    private LedgerVerifyReport VerifyWithHead(ECDsa? publicKey = null)
    {
        Assert.True(LedgerHeadFile.TryRead(Options.ResolvedHeadPath, out var checkpoint, out var error), error);
        return LedgerFileVerifier.Verify(LedgerPath, checkpoint, publicKey);
    }

    private List<LedgerEntry> ReadEntries() =>
        File.ReadAllLines(LedgerPath).Select(line =>
        {
            Assert.True(LedgerEntryParser.TryParse(Encoding.UTF8.GetBytes(line), out var entry, out var error), error);
            return entry!;
        }).ToList();

    [Fact]
    public async Task OpenAsync_NewStateDirectory_WritesOpenedEntryAndHead()
    {
        var options = FileLedgerStoreOptions.InStateDirectory(Path.Combine(_dir.Path, "state"));

        await using (var store = await FileLedgerStore.OpenAsync(options, _time))
        {
            Assert.Equal(1, store.Head.Seq);
        }

        var entry = Assert.Single(File.ReadAllLines(options.LedgerPath));
        Assert.Contains("\"kind\":\"ledger.opened\"", entry, StringComparison.Ordinal);
        Assert.Contains("\"created\":true", entry, StringComparison.Ordinal);
        Assert.StartsWith("{\"seq\":1,", File.ReadAllText(options.ResolvedHeadPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_LineLongerThanReadersAccept_RefusedWithNothingWritten()
    {
        await using var store = await FileLedgerStore.OpenAsync(Options, _time);
        var before = await File.ReadAllBytesAsync(LedgerPath);
        var secret = new string('x', LedgerLineReader.MaxLineLength);
        var huge = new LedgerDraft(LedgerKinds.Observation, "dev", "checkout", "loop", LedgerData.From(new { note = secret }));

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(huge));

        Assert.Contains("observation entry", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"{LedgerLineReader.MaxLineLength} bytes", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(LedgerPath));
        Assert.False(store.IsFaulted);

        // The store goes on: the next entry takes the next seq, and the chain verifies.
        var next = await store.AppendAsync(Draft(1));
        Assert.Equal(2, next.Seq);
        Assert.True(LedgerFileVerifier.Verify(LedgerPath, null, null).IsValid);
    }

    [Fact]
    public async Task AppendAsync_ThenReopen_ChainContinuesAndVerifies()
    {
        await AppendEntries(10);
        await AppendEntries(5);

        var report = VerifyWithHead();
        var entries = ReadEntries();

        Assert.True(report.IsValid, report.Failure?.ToString());
        Assert.Equal(17, report.Entries);
        Assert.Equal(Enumerable.Range(1, 17).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.Equal(LedgerKinds.LedgerOpened, entries[11].Kind);
    }

    [Fact]
    public async Task AppendAsync_ReturnsTheSealedEntryThatIsOnDisk()
    {
        LedgerEntry appended;
        await using (var store = await FileLedgerStore.OpenAsync(Options, _time))
        {
            appended = await store.AppendAsync(Draft(7));
            Assert.Equal(new LedgerPosition(appended.Seq, appended.Hash), store.Head);
        }

        var onDisk = ReadEntries()[1];
        Assert.Equal(LedgerCanonical.Serialize(appended), LedgerCanonical.Serialize(onDisk));
        Assert.Equal(_time.GetUtcNow(), onDisk.Ts);
    }

    [Fact]
    public async Task AppendAsync_AppendsQueuedDuringAnFsync_ShareTheNextWriteAndFsync()
    {
        using var io = new GatedDurableIo();
        await using var store = await FileLedgerStore.OpenAsync(Options, _time, io, CancellationToken.None);

        // The first append's batch is held inside its write and fsync; twenty more queue meanwhile.
        io.HoldNextLedgerWrite();
        var first = Task.Run(() => store.AppendAsync(Draft(0))); // a lone append writes on its caller's thread
        await io.Held.WaitAsync(TimeSpan.FromSeconds(30));
        var queued = Enumerable.Range(1, 20).Select(i => store.AppendAsync(Draft(i))).ToList();
        Assert.All(queued, task => Assert.False(task.IsCompleted)); // none is acknowledged before its fsync
        io.Release();
        await first;
        var entries = await Task.WhenAll(queued);

        // ledger.opened, the first append, then all twenty with one write and one fsync.
        Assert.Equal([1, 1, 20], io.LinesPerLedgerWrite);
        Assert.Equal(Enumerable.Range(3, 20).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.True(LedgerFileVerifier.Verify(LedgerPath, null, null).IsValid);
    }

    [Fact]
    public async Task AppendAsync_ManyConcurrentTasks_ProduceOneValidChainWithoutGaps()
    {
        const int Writers = 32;
        const int PerWriter = 25;
        List<LedgerEntry> results;
        await using (var store = await FileLedgerStore.OpenAsync(Options, _time))
        {
            var tasks = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                var mine = new List<LedgerEntry>();
                for (var i = 0; i < PerWriter; i++)
                {
                    mine.Add(await store.AppendAsync(Draft((w * 1000) + i)));
                }

                return mine;
            }));
            results = (await Task.WhenAll(tasks)).SelectMany(r => r).ToList();

            var read = new List<LedgerEntry>();
            await foreach (var entry in store.ReadAsync(fromSeq: 2))
            {
                read.Add(entry);
            }

            Assert.Equal(results.Select(e => e.Hash).Order(), read.Select(e => e.Hash).Order());
        }

        var report = VerifyWithHead();
        Assert.True(report.IsValid, report.Failure?.ToString());
        Assert.Equal(1 + (Writers * PerWriter), report.Entries);
        Assert.Equal(Enumerable.Range(2, Writers * PerWriter).Select(i => (long)i), results.Select(e => e.Seq).Order());
    }

    [Theory]
    [InlineData("{\"seq\":7,\"ts\":\"2025-11", "no newline")]
    [InlineData("\0\0\0\0\0\0", "zeros from a lost write")]
    public async Task OpenAsync_TornTail_TruncatesKeepsFragmentAndLogsRepair(string tail, string because)
    {
        await AppendEntries(5);
        var validLength = new FileInfo(LedgerPath).Length;
        await File.AppendAllTextAsync(LedgerPath, tail);

        await AppendEntries(1);

        var entries = ReadEntries();
        var repaired = entries[6];
        var fragmentFile = repaired.Data.GetProperty("fragment_file").GetString()!;
        Assert.Equal(LedgerKinds.LedgerRepaired, repaired.Kind);
        Assert.Equal(validLength, repaired.Data.GetProperty("offset").GetInt64());
        Assert.Equal(7, repaired.Data.GetProperty("line").GetInt64());
        Assert.Equal($"{FileLedgerStoreOptions.DefaultFileName}.torn-7-20251125T180000000Z", fragmentFile);
        Assert.Equal(tail, await File.ReadAllTextAsync(_dir.File(fragmentFile)));
        Assert.Equal(LedgerKinds.LedgerOpened, entries[7].Kind);
        var report = VerifyWithHead();
        Assert.True(report.IsValid, $"{because}: {report.Failure}");
    }

    [Theory]
    [InlineData("{\"seq\":7,\"kind\":\"adjustment.applied\"}\n", "valid JSON, not an entry")]
    [InlineData("{\"seq\":7,garbage\n", "unparsable")]
    public async Task OpenAsync_CompleteButInvalidLastLine_RefusesNamingTheLineAndChangesNothing(string tail, string because)
    {
        await AppendEntries(5);
        await File.AppendAllTextAsync(LedgerPath, tail);
        var before = await File.ReadAllBytesAsync(LedgerPath);

        var error = await Assert.ThrowsAsync<LedgerCorruptException>(() => FileLedgerStore.OpenAsync(Options, _time));

        Assert.Equal((7L, LedgerFaultKind.BadJson), (error.Failure!.Line, error.Failure.Kind));
        Assert.Contains("line 7", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(LedgerPath));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(LedgerPath)!, "*.torn-*"));
        Assert.False(VerifyWithHead().IsValid, because);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OpenAsync_LineLongerThanTheLimit_RefusedWithoutShowingIt(bool terminated)
    {
        await AppendEntries(2);
        await File.AppendAllTextAsync(LedgerPath, "{\"seq\":4,\"note\":\"" + new string('Z', LedgerLineReader.MaxLineLength) + (terminated ? "\"}\n" : ""));

        var error = await Assert.ThrowsAsync<LedgerCorruptException>(() => FileLedgerStore.OpenAsync(Options, _time));

        Assert.Equal(4L, error.Failure!.Line);
        Assert.Contains("longer than 4194304 bytes (not shown)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ZZZZ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_BadMiddleLine_RefusesNamingTheLine()
    {
        await AppendEntries(5);
        var lines = File.ReadAllLines(LedgerPath);
        lines[2] = lines[2].Replace("\"to\":1", "\"to\":9", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(LedgerPath, lines);

        var error = await Assert.ThrowsAsync<LedgerCorruptException>(() => FileLedgerStore.OpenAsync(Options, _time));

        Assert.Equal((3L, LedgerFaultKind.BadHash), (error.Failure!.Line, error.Failure.Kind));
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(lines, await File.ReadAllLinesAsync(LedgerPath));
    }

    [Fact]
    public async Task OpenAsync_UnparsableMiddleLine_IsNotTreatedAsTorn()
    {
        await AppendEntries(3);
        var lines = File.ReadAllLines(LedgerPath).ToList();
        lines.Insert(2, "{\"seq\":3,garbage");
        await File.WriteAllLinesAsync(LedgerPath, lines);

        var error = await Assert.ThrowsAsync<LedgerCorruptException>(() => FileLedgerStore.OpenAsync(Options, _time));

        Assert.Equal((3L, LedgerFaultKind.BadJson), (error.Failure!.Line, error.Failure.Kind));
    }

    [Fact]
    public async Task OpenAsync_LastLinesCut_RefusesBecauseOfTheHead()
    {
        await AppendEntries(6);
        var lines = File.ReadAllLines(LedgerPath);
        await File.WriteAllLinesAsync(LedgerPath, lines[..^2]);

        var error = await Assert.ThrowsAsync<LedgerCorruptException>(() => FileLedgerStore.OpenAsync(Options, _time));

        Assert.Equal((6L, LedgerFaultKind.Truncated), (error.Failure!.Line, error.Failure.Kind));
    }

    [Fact]
    public async Task AppendAsync_FsyncFails_FaultsAndRefusesEveryLaterAppend()
    {
        // Head after every batch: writes 1 and 2 are ledger.opened and its head; the third durable write is the first append.
        var io = new FailingDurableIo(failFromWrite: 3);
        await using var store = await FileLedgerStore.OpenAsync(Options with { HeadEveryBatches = 1 }, _time, io, CancellationToken.None);

        await Assert.ThrowsAsync<LedgerStoreFaultedException>(() => store.AppendAsync(Draft(1)));

        Assert.True(store.IsFaulted);
        await Assert.ThrowsAsync<LedgerStoreFaultedException>(() => store.AppendAsync(Draft(2)));
        Assert.Equal(1, store.Head.Seq);
        Assert.Equal(3, io.Writes);
    }

    [Fact]
    public async Task AppendAsync_HeadWriteFails_FaultsTheStore()
    {
        var io = new FailingDurableIo(failFromWrite: 4);
        await using var store = await FileLedgerStore.OpenAsync(Options with { HeadEveryBatches = 1 }, _time, io, CancellationToken.None);

        await store.AppendAsync(Draft(1));
        await Assert.ThrowsAnyAsync<LedgerStoreFaultedException>(async () =>
        {
            // The head write after the first append failed; the store stops at the next append at the latest.
            await store.AppendAsync(Draft(2));
        });

        Assert.True(store.IsFaulted);
    }

    [Fact]
    public async Task AppendAsync_AmortisedHead_WrittenEveryKBatchesWhenIdleAndAtClose()
    {
        var options = Options with { HeadEveryBatches = 3 };
        long HeadSeq() => LedgerHeadFile.TryRead(options.ResolvedHeadPath, out var head, out _) && head is not null ? head.Seq : 0;

        // An append is acknowledged once its batch is fsync'd; the head is written just after, so it is polled for (bounded).
        async Task<long> HeadSeqSoon(long expected)
        {
            for (var i = 0; i < 500 && HeadSeq() != expected; i++)
            {
                await Task.Delay(10);
            }

            return HeadSeq();
        }
        await using (var store = await FileLedgerStore.OpenAsync(options, _time))
        {
            // Batch 1 is ledger.opened; one append at a time is one batch each.
            await store.AppendAsync(Draft(1));
            Assert.Equal(0, HeadSeq());
            await store.AppendAsync(Draft(2));
            Assert.Equal(3, await HeadSeqSoon(3));
            await store.AppendAsync(Draft(3));
            Assert.Equal(3, HeadSeq());

            // Behind by one batch, the chain still verifies against the lagging head.
            Assert.True(VerifyWithHead().IsValid);

            // Idle for the head interval: the writer catches the head up (bounded polling, no sleep for synchronisation).
            for (var i = 0; i < 500 && HeadSeq() != 4; i++)
            {
                _time.Advance(options.HeadInterval);
                await Task.Delay(10);
            }

            Assert.Equal(4, HeadSeq());
            await store.AppendAsync(Draft(4));
            Assert.Equal(4, HeadSeq());
        }

        Assert.Equal(5, HeadSeq());
        Assert.True(VerifyWithHead().IsValid);
    }

    [Fact]
    public async Task OpenAsync_WithSigningKey_SignsTheHead()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keyFile = _dir.File("ledger-key.pem");
        await File.WriteAllTextAsync(keyFile, key.ExportECPrivateKeyPem());
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        await AppendEntries(3, Options with { SigningKeyPath = keyFile });

        Assert.True(VerifyWithHead(key).IsValid);
        Assert.Equal(LedgerFaultKind.BadCheckpoint, VerifyWithHead(other).Failure!.Kind);
    }

    [Fact]
    public async Task OpenAsync_SignedHeadAndAnotherKey_Refuses()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await File.WriteAllTextAsync(_dir.File("a.pem"), key.ExportECPrivateKeyPem());
        await File.WriteAllTextAsync(_dir.File("b.pem"), other.ExportPkcs8PrivateKeyPem());
        await AppendEntries(1, Options with { SigningKeyPath = _dir.File("a.pem") });

        var error = await Assert.ThrowsAsync<LedgerCorruptException>(
            () => FileLedgerStore.OpenAsync(Options with { SigningKeyPath = _dir.File("b.pem") }, _time));

        Assert.Equal(LedgerFaultKind.BadCheckpoint, error.Failure!.Kind);
    }

    [Fact]
    public async Task AppendAsync_DataWithoutCanonicalForm_ThrowsAndWritesNothing()
    {
        await using var store = await FileLedgerStore.OpenAsync(Options, _time);
        var bad = Draft(1) with { Data = LedgerData.Parse("""{"a":1,"a":2}""") };

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(bad));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(Draft(1) with { Actor = "" }));

        Assert.Equal(2, (await store.AppendAsync(Draft(2))).Seq);
    }
}
