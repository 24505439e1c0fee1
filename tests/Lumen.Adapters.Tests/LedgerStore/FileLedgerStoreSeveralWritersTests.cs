using System.Text;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Adapters.Tests.LedgerStore;

/// <summary>
/// Several writers on one ledger (the running loop and <c>lumen canary check</c> / <c>lumen approve</c>):
/// each batch takes the lock file and first adopts what the others appended. Two stores in one process
/// take the same flock as two processes would (flock is per open file).
/// </summary>
public sealed class FileLedgerStoreSeveralWritersTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 11, 25, 18, 0, 0, TimeSpan.Zero));

    private FileLedgerStoreOptions Options => FileLedgerStoreOptions.InStateDirectory(_dir.Path);

    public void Dispose() => _dir.Dispose();

    private static LedgerDraft Draft(string actor, int i) =>
        new(LedgerKinds.AdjustmentIntent, "dev", "checkout", actor, LedgerData.From(new { knob = "pool", to = i }));

    [Fact]
    public async Task AppendAsync_TwoWritersInterleaved_OneUnbrokenChainThatVerifiesAgainstTheHead()
    {
        await using (var loop = await FileLedgerStore.OpenAsync(Options with { Actor = "loop" }, _time))
        await using (var check = await FileLedgerStore.OpenAsync(Options with { Actor = "check" }, _time))
        {
            for (var i = 0; i < 5; i++)
            {
                await loop.AppendAsync(Draft("loop", i));
                await check.AppendAsync(Draft("check", i));
            }

            // Each sees the other's entries in its head, and reads them back.
            Assert.Equal(check.Head, loop.Head);
            var actors = new List<string>();
            await foreach (var entry in loop.ReadAsync())
            {
                actors.Add(entry.Kind == LedgerKinds.LedgerOpened ? "opened" : entry.Actor);
            }

            Assert.Equal(12, actors.Count); // two ledger.opened + ten appends
            Assert.Equal(["opened", "opened", "loop", "check", "loop", "check"], actors.Take(6));
        }

        Assert.True(LedgerHeadFile.TryRead(Options.ResolvedHeadPath, out var head, out var error), error);
        var report = LedgerFileVerifier.Verify(Options.LedgerPath, head, null);
        Assert.True(report.IsValid, report.Failure?.ToString());
        Assert.Equal(12, report.Entries);
        Assert.Equal(12, head!.Seq);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentAppendsFromTwoWriters_NoSeqIsGivenTwice()
    {
        await using (var a = await FileLedgerStore.OpenAsync(Options, _time))
        await using (var b = await FileLedgerStore.OpenAsync(Options, _time))
        {
            var tasks = Enumerable.Range(0, 50).SelectMany(i => new[] { a.AppendAsync(Draft("a", i)), b.AppendAsync(Draft("b", i)) }).ToList();
            var entries = await Task.WhenAll(tasks);
            Assert.Equal(100, entries.Select(e => e.Seq).Distinct().Count());
        }

        var report = LedgerFileVerifier.Verify(Options.LedgerPath, null, null);
        Assert.True(report.IsValid, report.Failure?.ToString());
        Assert.Equal(102, report.Entries);
    }

    [Fact]
    public async Task AppendAsync_ALineThatDoesNotContinueTheChain_FaultsInsteadOfWritingAfterIt()
    {
        await using var store = await FileLedgerStore.OpenAsync(Options, _time);
        await File.AppendAllTextAsync(Options.LedgerPath, "{\"seq\":99,\"not\":\"a ledger entry\"}\n", Encoding.UTF8);
        var before = new FileInfo(Options.LedgerPath).Length;

        await Assert.ThrowsAsync<LedgerStoreFaultedException>(() => store.AppendAsync(Draft("loop", 1)));

        Assert.True(store.IsFaulted);
        Assert.Equal(before, new FileInfo(Options.LedgerPath).Length);
    }
}
