using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;
using Lumen.Runtime.Loop;
using Lumen.TestKit;
using Lumen.Runtime.Tests.TestKit;

namespace Lumen.Runtime.Tests.Loop;

/// <summary>
/// Every restore and every change is a compare-and-set (docs/reliability.md): a knob that no longer
/// holds the value Lumen expects is left alone and <c>adjustment.conflict</c> is written.
/// </summary>
public sealed class ConditionalRestoreTests
{
    private const string Knob = HarnessConfig.Knob;

    [Fact]
    public async Task TickAsync_ThirdPartyChangesKnobMidAdjustment_ConflictLedgeredAndTheirValueKept()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        f.Loop.AcceptNewAdjustments = false;
        var adjustment = Assert.Single(f.Loop.Book.Open.Values);
        Assert.Equal(36, f.Executor.Values[Knob]);

        // Someone else (a person, another controller) sets the knob while Lumen's change is applied.
        await f.Executor.SetAsync(Knob, 40, CancellationToken.None);
        var report = await f.TickUntilAsync(LedgerKinds.AdjustmentConflict);

        var entries = await f.EntriesAsync();
        var conflict = Assert.Single(entries, e => e.Kind == LedgerKinds.AdjustmentConflict);
        Assert.Equal(adjustment.Id, conflict.Data.GetProperty("id").GetString());
        Assert.Equal(Knob, conflict.Data.GetProperty("knob").GetString());
        Assert.Equal("restore", conflict.Data.GetProperty("operation").GetString());
        Assert.Equal(36, conflict.Data.GetProperty("expected").GetDouble());
        Assert.Equal(40, conflict.Data.GetProperty("observed").GetDouble());
        // The in-memory target cannot say who wrote a plain set: "unknown", said so explicitly.
        Assert.Equal(ControlLoop.UnknownWriter, conflict.Data.GetProperty("who").GetString());
        Assert.DoesNotContain(entries, e => e.Kind is LedgerKinds.AdjustmentExpired or LedgerKinds.AdjustmentRolledBack);
        Assert.Equal(40, f.Executor.Values[Knob]);
        Assert.Empty(f.Loop.Book.Open);
        Assert.Equal(1, f.Loop.Book.Count("checkout", "conflict"));
        Assert.Contains(report.Problems, p => p.Contains("conflict", StringComparison.Ordinal));

        // Later ticks leave it alone too, and the conflict is published.
        await f.TickAsync();
        await f.TickAsync();
        Assert.Equal(40, f.Executor.Values[Knob]);
        Assert.Equal(1, f.Metrics.Published[^1].Services.Single(s => s.Service == "checkout").AdjustmentConflicts);
    }

    [Fact]
    public async Task TickAsync_WriteLandsBetweenReadAndApply_TargetRefusesAndConflictNamesTheWriter()
    {
        await using var f = await LoopFixture.CreateAsync();
        // Someone writes 40 after Lumen read 32 and before its write reaches the target.
        f.Executor.Inject(new InMemoryFault(InMemoryFaultMode.RacingWrite, Operation: ExecutorOperation.Set, RacingValue: 40, Writer: "ops (curl)"));

        await f.TickUntilAsync(LedgerKinds.AdjustmentConflict);

        var entries = await f.EntriesAsync();
        var conflict = Assert.Single(entries, e => e.Kind == LedgerKinds.AdjustmentConflict);
        Assert.Equal("apply", conflict.Data.GetProperty("operation").GetString());
        Assert.Equal(32, conflict.Data.GetProperty("expected").GetDouble());
        Assert.Equal(40, conflict.Data.GetProperty("observed").GetDouble());
        Assert.Equal("ops (curl)", conflict.Data.GetProperty("who").GetString());
        Assert.DoesNotContain(entries, e => e.Kind == LedgerKinds.AdjustmentApplied);
        Assert.Equal(40, f.Executor.Values[Knob]);
        Assert.Empty(f.Loop.Book.Open);
    }

    [Fact]
    public async Task TickAsync_WriteLandsBetweenReadAndRestore_TargetRefusesAndTheirValueIsKept()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        f.Loop.AcceptNewAdjustments = false;
        f.Executor.Inject(new InMemoryFault(InMemoryFaultMode.RacingWrite, Operation: ExecutorOperation.Set, RacingValue: 44, Writer: "controller-b"));

        await f.TickUntilAsync(LedgerKinds.AdjustmentConflict, limit: 200);

        var entries = await f.EntriesAsync();
        var conflict = Assert.Single(entries, e => e.Kind == LedgerKinds.AdjustmentConflict);
        Assert.Equal("restore", conflict.Data.GetProperty("operation").GetString());
        Assert.Equal(36, conflict.Data.GetProperty("expected").GetDouble());
        Assert.Equal(44, conflict.Data.GetProperty("observed").GetDouble());
        Assert.Equal("controller-b", conflict.Data.GetProperty("who").GetString());
        Assert.DoesNotContain(entries, e => e.Kind is LedgerKinds.AdjustmentExpired or LedgerKinds.AdjustmentRolledBack);
        Assert.Equal(44, f.Executor.Values[Knob]);
    }

    [Fact]
    public async Task TickAsync_WallClockSteppedBackWhileApplied_RestoredAtTheTtlOnTheMonotonicClock()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        f.Loop.AcceptNewAdjustments = false;

        // NTP steps the wall clock back 30 minutes: by the wall clock the 1 min ttl is now 31 min away.
        f.Clock.WallStep = -TimeSpan.FromMinutes(30);
        await f.TickUntilAsync(LedgerKinds.AdjustmentExpired, limit: 3);

        Assert.Equal(32, f.Executor.Values[Knob]);
        Assert.Empty(f.Loop.Book.Open);
    }

    [Fact]
    public async Task TickAsync_RestoreDueWhilePrometheusIsSlow_RestoredBeforeTheSlisAreRead()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        f.Loop.AcceptNewAdjustments = false;
        f.Time.Advance(TimeSpan.FromMinutes(1));
        var restoredBeforeCollect = false;
        // The SLI read sees the knob as it is when Prometheus is asked (a slow answer would come after).
        f.CanaryP95 = knob =>
        {
            restoredBeforeCollect = knob == 32;
            return f.P95Ms;
        };

        await f.Loop.TickAsync(CancellationToken.None);

        Assert.True(restoredBeforeCollect, "the due restore waited for the SLI reads");
        Assert.Single(await f.EntriesAsync(), e => e.Kind == LedgerKinds.AdjustmentExpired);
    }

    [Fact]
    public async Task BuildAsync_RestartPastTheTtl_DueRestoreBeforeTheHistoryBackfill()
    {
        var history = new FakeHistorySource();
        await using var f = await LoopFixture.CreateAsync(configure: o => o with { HistorySource = history });
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        double? knobWhenBackfilling = null;
        history.Chunk = _ =>
        {
            knobWhenBackfilling ??= f.Executor.Values[Knob];
            return null;
        };

        // The loop was down past the ttl: the restart owes the restore, and the backfill (a slow Prometheus) must not hold it back.
        f.Time.Advance(TimeSpan.FromMinutes(2));
        await f.RestartAsync();

        Assert.Equal(32, knobWhenBackfilling);
        var entries = await f.EntriesAsync();
        var expired = Assert.Single(entries, e => e.Kind == LedgerKinds.AdjustmentExpired);
        Assert.True(expired.Seq < entries.Last(e => e.Kind == LedgerKinds.ConfigLoaded).Seq);
        Assert.Empty(f.Loop.Book.Open);
    }

    [Fact]
    public async Task TickAsync_KnobAlreadyBackAtFrom_RestoreWritesNoValueAndClosesIt()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        f.Loop.AcceptNewAdjustments = false;
        await f.Executor.SetAsync(Knob, 32, CancellationToken.None);
        var setsBefore = f.Executor.Calls.Count(c => c.Operation == ExecutorOperation.Set);

        await f.TickUntilAsync(LedgerKinds.AdjustmentExpired, limit: 200);

        Assert.Equal(setsBefore, f.Executor.Calls.Count(c => c.Operation == ExecutorOperation.Set));
        Assert.Equal(32, f.Executor.Values[Knob]);
        Assert.DoesNotContain(await f.EntriesAsync(), e => e.Kind == LedgerKinds.AdjustmentConflict);
    }

    [Fact]
    public async Task TickAsync_RollbackFailsOnASlowTick_NextAttemptIsNotBeforeTheEntrysOwnTime()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        f.Loop.AcceptNewAdjustments = false;
        f.Executor.Inject(new InMemoryFault(InMemoryFaultMode.FailBeforeWrite, "admin endpoint down", Operation: ExecutorOperation.Set));
        // Every clock read moves time on: a tick that takes long (slow target, many services).
        f.Time.AutoAdvanceAmount = TimeSpan.FromSeconds(14);

        await f.TickUntilAsync(LedgerKinds.RollbackFailed, limit: 200);

        var failed = (await f.EntriesAsync()).Single(e => e.Kind == LedgerKinds.RollbackFailed);
        Assert.True(LedgerTime.TryParse(failed.Data.GetProperty("next_attempt_at").GetString()!, out var next));
        Assert.True(next >= failed.Ts, $"next_attempt_at {next:O} is before the entry's own time {failed.Ts:O}");
        Assert.Contains(f.Loop.SafetyFaults, s => s.Contains("failing", StringComparison.Ordinal));
        Assert.Equal(1, f.Metrics.Published[^1].Services.Single(s => s.Service == "checkout").RollbacksFailing);
    }
}
