using System.Text.Json;
using Lumen.Core.Adjustments;
using Lumen.Core.Coordination;
using Lumen.Core.Ledger;
using Lumen.Runtime.Coordination;
using Lumen.TestKit;
using Lumen.Runtime.Tests.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Runtime.Tests.Coordination;

public sealed class CoordinatedLoopTests
{
    [Fact]
    public async Task ServiceNotHeld_IsNeitherObservedNorTouched_AndTheFaultIsLedgered()
    {
        await using var fixture = await LoopFixture.CreateAsync();
        var coordinator = new ScriptedCoordinator(fixture.Time) { Problem = "etcd at http://etcd:2379 did not answer" };
        fixture.Coordinator = coordinator;
        await fixture.RestartAsync();

        for (var i = 0; i < 5; i++)
        {
            await fixture.TickAsync();
        }

        var entries = await fixture.EntriesAsync();
        Assert.DoesNotContain(entries, e => e.Kind is LedgerKinds.Observation or LedgerKinds.AdjustmentIntent);
        Assert.Empty(fixture.Executor.Calls.Where(c => c.Operation == ExecutorOperation.Set));
        var changed = Assert.Single(entries, e => e.Kind == LedgerKinds.CoordinationChanged);
        Assert.Equal("etcd at http://etcd:2379 did not answer", changed.Data.GetProperty("problem").GetString());
        Assert.Equal(0, changed.Data.GetProperty("held").GetInt32());
    }

    [Fact]
    public async Task HeldService_IsRunAsUsual_AndGainAndLossAreLedgeredOnce()
    {
        await using var fixture = await LoopFixture.CreateAsync();
        var coordinator = new ScriptedCoordinator(fixture.Time);
        coordinator.Held[HarnessConfig.Service] = 41;
        fixture.Coordinator = coordinator;
        await fixture.RestartAsync();

        await fixture.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        await fixture.TickAsync();
        coordinator.Held.Clear();
        await fixture.TickAsync();
        await fixture.TickAsync();

        var changes = (await fixture.EntriesAsync()).Where(e => e.Kind == LedgerKinds.CoordinationChanged).ToList();
        Assert.Equal(2, changes.Count);
        var gained = Assert.Single(changes[0].Data.GetProperty("gained").EnumerateArray());
        Assert.Equal(HarnessConfig.Service, gained.GetProperty("service").GetString());
        Assert.Equal(41, gained.GetProperty("token").GetInt64());
        Assert.Equal([HarnessConfig.Service], changes[1].Data.GetProperty("lost").EnumerateArray().Select(e => e.GetString()));
        // The open adjustment made the service busy: a rebalance must not give it away.
        Assert.Contains(coordinator.BusySeen, b => b.Contains(HarnessConfig.Service));
    }

    [Fact]
    public async Task LocalCoordination_WritesNoCoordinationEntries()
    {
        await using var fixture = await LoopFixture.CreateAsync();

        await fixture.TickUntilAsync(LedgerKinds.AdjustmentApplied);

        Assert.DoesNotContain(await fixture.EntriesAsync(), e => e.Kind == LedgerKinds.CoordinationChanged);
        Assert.True(fixture.Loop.Holdings.Holds(HarnessConfig.Service, DateTimeOffset.MaxValue.AddDays(-1)));
    }

    [Fact]
    public async Task FencedExecutor_RefusesAWrite_OnceTheClaimCouldHaveLapsed_AndStillReads()
    {
        var time = new FakeTimeProvider(LoopFixture.Start);
        var inner = new InMemoryExecutor([new KeyValuePair<string, double>(HarnessConfig.Knob, 32)]);
        var holdings = new Holdings("replica-1",
            System.Collections.Immutable.ImmutableDictionary<string, long>.Empty.Add("checkout", 7),
            System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("checkout", "replica-1"),
            2, time.GetUtcNow().AddSeconds(10), null);
        var fenced = new FencedExecutor(inner, "checkout", new HoldingsCell(holdings), time);

        Assert.True((await fenced.SetAsync(HarnessConfig.Knob, 36, CancellationToken.None)).IsOk);
        time.Advance(TimeSpan.FromSeconds(10));
        var refused = await fenced.SetAsync(HarnessConfig.Knob, 40, CancellationToken.None);
        var read = await fenced.GetAsync(HarnessConfig.Knob, CancellationToken.None);

        Assert.False(refused.IsOk);
        Assert.Equal(FencedExecutor.NotHeld, refused.Reason);
        Assert.True(refused.Transient);
        Assert.Equal(36, read.Value);
        Assert.Equal(36, inner.Values[HarnessConfig.Knob]);
    }

    [Fact]
    public async Task CleanStop_ReleasesTheClaims()
    {
        await using var fixture = await LoopFixture.CreateAsync();
        var coordinator = new ScriptedCoordinator(fixture.Time);
        fixture.Coordinator = coordinator;
        await fixture.RestartAsync();

        await fixture.Loop.ReleaseClaimsAsync(CancellationToken.None);

        Assert.Equal(1, coordinator.Releases);
    }

    [Fact]
    public async Task GainedService_AdoptsTheHandOver_RestoresItsOpenAdjustment_AndKeepsItsKeptValues()
    {
        await using var fixture = await LoopFixture.CreateAsync();
        var coordinator = new ScriptedCoordinator(fixture.Time);
        coordinator.Held[HarnessConfig.Service] = 90;
        // The previous holder (token 12) left a trial value on the target and a kept value for it.
        await fixture.Executor.SetAsync(HarnessConfig.Knob, 40, CancellationToken.None);
        coordinator.Handovers[HarnessConfig.Service] = new ServiceHandover(HarnessConfig.Service, "replica-0", 12,
            [new HandedAdjustment("adj-000007", HarnessConfig.Knob, "canary", 36, 40, LoopFixture.Start.AddMinutes(20))],
            System.Collections.Immutable.ImmutableSortedDictionary<string, double>.Empty.Add(HarnessConfig.Knob, 36));
        fixture.Coordinator = coordinator;
        await fixture.RestartAsync();

        await fixture.TickAsync();

        var entries = await fixture.EntriesAsync();
        var adopted = Assert.Single(entries, e => e.Kind == LedgerKinds.CoordinationAdopted);
        Assert.Equal("replica-0", adopted.Data.GetProperty("from_replica").GetString());
        var restored = Assert.Single(entries, e => e.Kind == LedgerKinds.AdjustmentRolledBack);
        Assert.Equal("replica-0~adj-000007", restored.Data.GetProperty("id").GetString());
        Assert.Equal("handed_over", restored.Data.GetProperty("reason").GetString());
        Assert.True(entries.IndexOf(adopted) < entries.IndexOf(restored));
        Assert.Equal(36, fixture.Executor.Values[HarnessConfig.Knob]);
        Assert.Equal(36, fixture.Loop.Book.KeptOf(HarnessConfig.Service).Single().Value.Value);
        // This replica's own hand-over was published under its token before it wrote.
        Assert.Equal(90, coordinator.Published[0].Token);
    }

    [Fact]
    public async Task EveryWrite_IsPrecededByAHandOver_ThatNamesIt_AndRefusedWhenItCannotBePublished()
    {
        await using var fixture = await LoopFixture.CreateAsync();
        var coordinator = new ScriptedCoordinator(fixture.Time);
        coordinator.Held[HarnessConfig.Service] = 5;
        fixture.Coordinator = coordinator;
        await fixture.RestartAsync();

        await fixture.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        var intent = (await fixture.EntriesAsync()).Single(e => e.Kind == LedgerKinds.AdjustmentIntent);
        var id = intent.Data.GetProperty("id").GetString();
        Assert.Contains(coordinator.Published, h => h.Open.Any(a => a.Id == id));

        coordinator.CanPublish = false;
        var setsBefore = fixture.Executor.Calls.Count(c => c.Operation == ExecutorOperation.Set);
        fixture.Time.Advance(TimeSpan.FromMinutes(30));
        await fixture.TickAsync();

        Assert.Equal(setsBefore, fixture.Executor.Calls.Count(c => c.Operation == ExecutorOperation.Set));
        var failed = (await fixture.EntriesAsync()).Last(e => e.Kind == LedgerKinds.RollbackFailed);
        // The claim is valid on this replica's clock: only the failed publish can have refused the write.
        Assert.True(fixture.Loop.Holdings.Holds(HarnessConfig.Service, fixture.Time.GetUtcNow().AddSeconds(-1)));
        Assert.Equal(FencedExecutor.NotHeld, failed.Data.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task LostService_ItsOpenAdjustmentsAndKeptValues_AreForgotten()
    {
        await using var fixture = await LoopFixture.CreateAsync();
        var coordinator = new ScriptedCoordinator(fixture.Time);
        coordinator.Held[HarnessConfig.Service] = 5;
        fixture.Coordinator = coordinator;
        await fixture.RestartAsync();
        await fixture.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        Assert.NotEmpty(fixture.Loop.Book.Open);

        coordinator.Held.Clear();
        await fixture.TickAsync();

        Assert.Empty(fixture.Loop.Book.Open);
        await fixture.RestartAsync();
        Assert.Empty(fixture.Loop.Book.Open);
    }

    [Fact]
    public void Handover_RoundTripsThroughItsJson_AndRejectsGarbage()
    {
        var handover = new ServiceHandover("checkout", "replica-0", 12,
            [new HandedAdjustment("adj-000007", "cache_size_mb", "canary", 512, 640, LoopFixture.Start)],
            System.Collections.Immutable.ImmutableSortedDictionary<string, double>.Empty.Add("timeout_ms", 1500));

        var back = ServiceHandover.Parse(handover.ToJson());

        Assert.NotNull(back);
        Assert.Equal(handover.Open.ToArray(), back.Open.ToArray());
        Assert.Equal(handover.Kept, back.Kept);
        Assert.Equal(12, back.Token);
        Assert.Null(ServiceHandover.Parse("{\"service\":\"checkout\"}"));
        Assert.Null(ServiceHandover.Parse("not json"));
    }
}
