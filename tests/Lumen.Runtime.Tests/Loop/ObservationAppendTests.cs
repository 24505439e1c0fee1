using Lumen.Adapters.LedgerStore;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Runtime.Loop;
using Lumen.Runtime.Tests.TestKit;
using Lumen.TestKit;

namespace Lumen.Runtime.Tests.Loop;

/// <summary>
/// A tick's observations (one per service) go to the ledger together, so the file store's group
/// commit writes and fsyncs them as one batch instead of one fsync per service per tick.
/// </summary>
public sealed class ObservationAppendTests
{
    [Fact]
    public async Task TickAsync_ManyServices_ObservationsAreInFlightTogetherAndWrittenInServiceOrder()
    {
        await using var f = await LoopFixture.CreateAsync();
        var services = Services(12);
        await using var ledger = await OpenLedgerAsync(f);
        var counting = new InFlightCountingLedger(ledger);
        var loop = await BuildAsync(f, services, counting);

        await loop.TickAsync(CancellationToken.None);

        // Awaiting each observation before the next would never have two in flight.
        Assert.True(counting.MaxInFlight >= services.Count, $"at most {counting.MaxInFlight} appends were in flight together");
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
    public async Task TickAsync_ManyServices_HandsTheObservationsToTheStoreInOneAppendAll()
    {
        await using var f = await LoopFixture.CreateAsync();
        var services = Services(12);
        await using var ledger = await OpenLedgerAsync(f);
        var counting = new InFlightCountingLedger(ledger);
        var loop = await BuildAsync(f, services, counting);

        await loop.TickAsync(CancellationToken.None);

        // One call with every observation, in service order: the file store writes a lone append on
        // its caller's thread, so handing them over one by one would write and fsync each alone.
        var call = Assert.Single(counting.AppendAllCalls, c => c.Any(d => d.Kind == LedgerKinds.Observation));
        Assert.All(call, d => Assert.Equal(LedgerKinds.Observation, d.Kind));
        Assert.Equal(services.Select(s => s.Name), call.Select(d => d.Service));
    }

    [Fact]
    public async Task TickAsync_ObservationAppendsFail_TheTickThrowsAndEachFailureIsCounted()
    {
        await using var f = await LoopFixture.CreateAsync();
        var services = Services(3);
        await using var ledger = await OpenLedgerAsync(f);
        var failing = new InFlightCountingLedger(ledger) { FailKind = LedgerKinds.Observation };
        var loop = await BuildAsync(f, services, failing);

        await Assert.ThrowsAsync<IOException>(() => loop.TickAsync(CancellationToken.None));

        Assert.Equal(services.Count, loop.LedgerWriteFailures);
    }

    private static List<ServiceConfig> Services(int count)
    {
        var one = HarnessConfig.Create().Services.Services[0];
        return [.. Enumerable.Range(0, count).Select(i => one with { Name = $"svc{i:D2}" })];
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

    /// <summary>A ledger that counts the appends not yet acknowledged, and can fail one kind of entry (a fake for the fault).</summary>
    private sealed class InFlightCountingLedger(ILedgerStore inner) : ILedgerStore
    {
        private int _inFlight;

        public int MaxInFlight { get; private set; }

        public string? FailKind { get; init; }

        /// <summary>The drafts of each <see cref="AppendAll"/> call, in order.</summary>
        public List<IReadOnlyList<LedgerDraft>> AppendAllCalls { get; } = [];

        public IReadOnlyList<Task<LedgerEntry>> AppendAll(IReadOnlyList<LedgerDraft> drafts, CancellationToken cancellationToken = default)
        {
            AppendAllCalls.Add([.. drafts]);
            return [.. drafts.Select(d => AppendAsync(d, cancellationToken))];
        }

        public LedgerPosition Head => inner.Head;

        public async Task<LedgerEntry> AppendAsync(LedgerDraft draft, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref _inFlight);
            MaxInFlight = Math.Max(MaxInFlight, now);
            try
            {
                await Task.Yield();
                if (draft.Kind == FailKind)
                {
                    throw new IOException("disk gone");
                }

                return await inner.AppendAsync(draft, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        public IAsyncEnumerable<LedgerEntry> ReadAsync(long fromSeq = 1, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(fromSeq, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
