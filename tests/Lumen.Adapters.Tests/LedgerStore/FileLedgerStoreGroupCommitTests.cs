using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Adapters.Tests.LedgerStore;

/// <summary>
/// Who writes a batch and when (docs/ledger.md, "Durability"): a lone append on its caller's thread,
/// independent entries together, and the appends that a batch's callers make while they are being
/// completed together in the next batch. Real files and fsyncs; <see cref="GatedDurableIo"/> holds a
/// write where a test needs appends to queue behind it.
/// </summary>
public sealed class FileLedgerStoreGroupCommitTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 11, 25, 18, 0, 0, TimeSpan.Zero));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private FileLedgerStoreOptions Options => FileLedgerStoreOptions.InStateDirectory(_dir.Path);

    public void Dispose() => _dir.Dispose();

    private static LedgerDraft Draft(int i) =>
        new(LedgerKinds.AdjustmentIntent, "dev", "checkout", "loop", LedgerData.From(new { knob = "pool", to = i }));

    [Fact]
    public async Task AppendAsync_NothingElseBeingWritten_IsDurableWhenItReturns()
    {
        using var io = new GatedDurableIo();
        await using var store = await FileLedgerStore.OpenAsync(Options, _time, io, CancellationToken.None);

        var append = store.AppendAsync(Draft(7));

        Assert.True(append.IsCompletedSuccessfully); // written and fsynced before the call returned
        Assert.Equal(2, (await append).Seq);
        Assert.Equal([1, 1], io.LinesPerLedgerWrite);
        Assert.Equal(2, File.ReadAllLines(Options.LedgerPath).Length);
    }

    [Fact]
    public async Task AppendAll_IndependentDrafts_AreWrittenTogetherInTheOrderGiven()
    {
        using var io = new GatedDurableIo();
        await using var store = await FileLedgerStore.OpenAsync(Options with { MaxBatchEntries = 16 }, _time, io, CancellationToken.None);

        var tasks = store.AppendAll([.. Enumerable.Range(0, 50).Select(Draft)]);
        var entries = await Task.WhenAll(tasks);

        Assert.Equal([1, 16, 16, 16, 2], io.LinesPerLedgerWrite); // batches of at most MaxBatchEntries
        Assert.Equal(Enumerable.Range(2, 50).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.Equal(Enumerable.Range(0, 50), entries.Select(e => e.Data.GetProperty("to").GetInt32()));
        Assert.True(LedgerFileVerifier.Verify(Options.LedgerPath, null, null).IsValid);
    }

    [Fact]
    public async Task AppendAll_OneDraftTooLong_FaultsOnlyItsTask()
    {
        await using var store = await FileLedgerStore.OpenAsync(Options, _time);
        var tooLong = new LedgerDraft(LedgerKinds.AdjustmentIntent, "dev", "checkout", "loop",
            LedgerData.From(new { reason = new string('x', LedgerLineReader.MaxLineLength + 1) }));

        var tasks = store.AppendAll([Draft(1), tooLong, Draft(3)]);

        await Assert.ThrowsAsync<ArgumentException>(() => tasks[1]);
        Assert.Equal([2L, 3L], (await Task.WhenAll(tasks[0], tasks[2])).Select(e => e.Seq));
    }

    [Fact]
    public async Task Completions_AppendsTheCallersMakeThere_ShareTheNextBatchWrittenByTheThreadThatRanThem()
    {
        using var io = new GatedDurableIo();
        var options = Options with { CompletionWait = Patience }; // no continuation here blocks
        await using var store = await FileLedgerStore.OpenAsync(options, _time, io, CancellationToken.None);

        // Twenty appends queue behind a held write, so a pool thread drains them; each caller notes the
        // thread its continuation runs on and appends again as soon as it is acknowledged.
        io.HoldNextLedgerWrite();
        var first = Task.Run(() => store.AppendAsync(Draft(0)));
        await io.Held.WaitAsync(Patience);
        var threads = new int[20];
        var again = Enumerable.Range(0, 20).Select(i => store.AppendAsync(Draft(i + 1)).ContinueWith(_ =>
        {
            threads[i] = Environment.CurrentManagedThreadId;
            return store.AppendAsync(Draft(100 + i));
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap()).ToList();
        io.Release();
        await first.WaitAsync(Patience);
        var entries = await Task.WhenAll(again).WaitAsync(Patience);

        // ledger.opened, the held one, the twenty, then the twenty made while they were completed: one write.
        Assert.Equal([1, 1, 20, 20], io.LinesPerLedgerWrite);
        Assert.Equal(Enumerable.Range(23, 20).Select(i => (long)i), entries.Select(e => e.Seq).Order());

        // The thread that wrote the twenty ran all their continuations and then wrote the twenty
        // appends they made: no other thread was woken between the two batches.
        var drainer = io.ThreadPerLedgerWrite[2];
        Assert.All(threads, t => Assert.Equal(drainer, t));
        Assert.Equal(drainer, io.ThreadPerLedgerWrite[3]);
    }

    [Fact]
    public async Task Completions_AContinuationThatBlocks_HandsTheQueueToAnotherDrainer()
    {
        using var io = new GatedDurableIo();
        using var gate = new ManualResetEventSlim();
        await using var store = await FileLedgerStore.OpenAsync(Options, _time, io, CancellationToken.None);

        // Two appends queue behind a held write; the first one's continuation blocks on a gate the
        // test holds shut.
        io.HoldNextLedgerWrite();
        var first = Task.Run(() => store.AppendAsync(Draft(0)));
        await io.Held.WaitAsync(Patience);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocking = store.AppendAsync(Draft(1)).ContinueWith(_ =>
        {
            started.SetResult();
            return gate.Wait(Patience);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var behind = store.AppendAsync(Draft(2));
        io.Release();
        await first.WaitAsync(Patience);
        await started.Task.WaitAsync(Patience);

        // While that continuation blocks, the ledger goes on: a new append is written and acknowledged
        // by the drainer that took over after CompletionWait (2 ms). Only the completion queued after
        // the blocked one in its batch waits for it.
        var later = await store.AppendAsync(Draft(3)).WaitAsync(Patience);
        Assert.Equal(5, later.Seq);
        Assert.False(blocking.IsCompleted);
        Assert.False(behind.IsCompleted);
        gate.Set();
        Assert.Equal(4, (await behind.WaitAsync(Patience)).Seq);
        Assert.True(await blocking.WaitAsync(Patience));
    }

    [Fact]
    public async Task Completions_AContinuationThatBlocksOnAnotherAppend_DoesNotStallTheLedger()
    {
        using var io = new GatedDurableIo();
        await using var store = await FileLedgerStore.OpenAsync(Options, _time, io, CancellationToken.None);

        // A caller completed on a pool thread that waits, blocking, for a second append: the second
        // is written anyway (the drainer's wait for the completions is bounded) and both finish.
        io.HoldNextLedgerWrite();
        var first = Task.Run(() => store.AppendAsync(Draft(0)));
        await io.Held.WaitAsync(Patience);
        var blocking = store.AppendAsync(Draft(1)).ContinueWith(
            _ => store.AppendAsync(Draft(2)).GetAwaiter().GetResult(), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        io.Release();
        await first.WaitAsync(Patience);
        var second = await blocking.WaitAsync(Patience);

        Assert.Equal(4, second.Seq);
        Assert.True(LedgerFileVerifier.Verify(Options.LedgerPath, null, null).IsValid);
    }

    [Fact]
    public async Task DisposeAsync_WithAppendsQueuedBehindAHeldWrite_WritesThemAllFirst()
    {
        using var io = new GatedDurableIo();
        var store = await FileLedgerStore.OpenAsync(Options, _time, io, CancellationToken.None);
        io.HoldNextLedgerWrite();
        var first = Task.Run(() => store.AppendAsync(Draft(0)));
        await io.Held.WaitAsync(Patience);
        var queued = Enumerable.Range(1, 10).Select(i => store.AppendAsync(Draft(i))).ToList();

        var disposing = store.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted); // waits for the drainer
        io.Release();
        await disposing.WaitAsync(Patience);

        Assert.Equal(12, (await Task.WhenAll(queued)).Max(e => e.Seq));
        Assert.True(first.IsCompletedSuccessfully);
        Assert.Throws<ObjectDisposedException>(() => { _ = store.AppendAsync(Draft(99)); });
        Assert.Equal(12, File.ReadAllLines(Options.LedgerPath).Length);
    }
}
