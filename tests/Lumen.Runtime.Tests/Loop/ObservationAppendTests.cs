using Lumen.Adapters.LedgerStore;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Runtime.Loop;
using Lumen.Runtime.Tests.TestKit;
using Lumen.TestKit;

namespace Lumen.Runtime.Tests.Loop;

/// <summary>
/// A tick's observations (one per service) go to the ledger together, up to one group commit's worth
/// at a time, so the file store writes and fsyncs them as one batch instead of one fsync per service per tick.
/// </summary>
public sealed class ObservationAppendTests
{
    [Fact]
    public async Task TickAsync_ManyServices_ObservationsGoToTheStoreInOneAppendAllAndAreWrittenInServiceOrder()
    {
        await using var f = await LoopFixture.CreateAsync();
        var services = Services(12);
        await using var ledger = await OpenLedgerAsync(f);
        var recording = new RecordingLedger(ledger);
        var loop = await BuildAsync(f, services, recording);

        await loop.TickAsync(CancellationToken.None);

        var observed = new List<string?>();
        await foreach (var entry in ledger.ReadAsync())
        {
            if (entry.Kind == LedgerKinds.Observation)
            {
                observed.Add(entry.Service);
            }
        }

        Assert.Equal(services.Select(s => s.Name), observed);

        // Handed over in one call, in service order: the file store writes a lone append on its
        // caller's thread, so handing them over one by one would write and fsync each alone.
        var call = Assert.Single(recording.AppendAllCalls, c => c.Any(d => d.Kind == LedgerKinds.Observation));
        Assert.All(call, d => Assert.Equal(LedgerKinds.Observation, d.Kind));
        Assert.Equal(services.Select(s => s.Name), call.Select(d => d.Service));
    }

    /// <summary>
    /// Beyond one group commit's worth of services the observations go in batches of the store's
    /// batch size, each built after the last was written, so a tick never holds more than one batch of
    /// entries at once; together they are every service once, in service order.
    /// </summary>
    [Fact]
    public async Task TickAsync_MoreServicesThanABatch_ObservationsGoInFullBatchesInServiceOrder()
    {
        await using var f = await LoopFixture.CreateAsync();
        var services = Services(ControlLoop.ObservationBatch + 3);
        await using var ledger = await OpenLedgerAsync(f);
        var recording = new RecordingLedger(ledger);
        var loop = await BuildAsync(f, services, recording);

        await loop.TickAsync(CancellationToken.None);

        var calls = recording.AppendAllCalls.Where(c => c.Any(d => d.Kind == LedgerKinds.Observation)).ToList();
        Assert.Equal([ControlLoop.ObservationBatch, 3], calls.Select(c => c.Count));
        Assert.All(calls.SelectMany(c => c), d => Assert.Equal(LedgerKinds.Observation, d.Kind));
        Assert.Equal(services.Select(s => s.Name), calls.SelectMany(c => c).Select(d => d.Service));

        var observed = new List<string?>();
        await foreach (var entry in ledger.ReadAsync())
        {
            if (entry.Kind == LedgerKinds.Observation)
            {
                observed.Add(entry.Service);
            }
        }

        Assert.Equal(services.Select(s => s.Name), observed);
    }

    [Fact]
    public async Task TickAsync_ObservationAppendsFail_TheTickThrowsAndEachFailureIsCounted()
    {
        await using var f = await LoopFixture.CreateAsync();
        var services = Services(3);
        await using var ledger = await OpenLedgerAsync(f);
        var failing = new RecordingLedger(ledger) { FailKind = LedgerKinds.Observation };
        var loop = await BuildAsync(f, services, failing);

        await Assert.ThrowsAsync<IOException>(() => loop.TickAsync(CancellationToken.None));

        Assert.Equal(services.Count, loop.LedgerWriteFailures);
    }

    private static List<ServiceConfig> Services(int count)
    {
        var one = HarnessConfig.Create().Services.Services[0];
        return [.. Enumerable.Range(0, count).Select(i => one with { Name = $"svc{i:D4}" })];
    }

    private static Task<FileLedgerStore> OpenLedgerAsync(LoopFixture f) => FileLedgerStore.OpenAsync(
        new FileLedgerStoreOptions(Path.Combine(Path.GetDirectoryName(f.LedgerPath)!, "observations.jsonl")), f.Time);

    private static async Task<ControlLoop> BuildAsync(LoopFixture f, IReadOnlyList<ServiceConfig> services, ILedgerStore ledger)
    {
        var config = HarnessConfig.Create() with { Services = new ServiceCatalog([.. services]) };
        var names = services.Select(s => s.Name).ToList();
        var ports = new LoopPorts(ScriptedSliSource.Constant(names, 100, 0.01, 10),
            names.ToDictionary(n => n, IExecutor (_) => new InMemoryExecutor([new(HarnessConfig.Knob, HarnessConfig.KnobDefault)])),
            new Dictionary<string, IExecutor>(), ledger, f.Metrics, new InMemoryStateFiles(), f.Time);
        return await LoopBuilder.BuildAsync(new LoopOptions(config, HarnessConfig.Stage) { Rhythm = HarnessConfig.Rhythm }, ports, CancellationToken.None);
    }

    /// <summary>
    /// A ledger that records each <see cref="AppendAll"/> call and passes it to the real store whole, and
    /// can fail one kind of entry (a fake for the fault).
    /// </summary>
    private sealed class RecordingLedger(ILedgerStore inner) : ILedgerStore
    {
        public string? FailKind { get; init; }

        /// <summary>The drafts of each <see cref="AppendAll"/> call, in order.</summary>
        public List<IReadOnlyList<LedgerDraft>> AppendAllCalls { get; } = [];

        public LedgerPosition Head => inner.Head;

        public IReadOnlyList<Task<LedgerEntry>> AppendAll(IReadOnlyList<LedgerDraft> drafts, CancellationToken cancellationToken = default)
        {
            AppendAllCalls.Add([.. drafts]);
            var passed = inner.AppendAll([.. drafts.Where(d => d.Kind != FailKind)], cancellationToken);
            var next = 0;
            return [.. drafts.Select(d => d.Kind == FailKind ? Task.FromException<LedgerEntry>(new IOException("disk gone")) : passed[next++])];
        }

        public Task<LedgerEntry> AppendAsync(LedgerDraft draft, CancellationToken cancellationToken = default) =>
            draft.Kind == FailKind ? Task.FromException<LedgerEntry>(new IOException("disk gone")) : inner.AppendAsync(draft, cancellationToken);

        public IAsyncEnumerable<LedgerEntry> ReadAsync(long fromSeq = 1, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(fromSeq, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
