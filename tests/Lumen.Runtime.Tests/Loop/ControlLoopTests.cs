using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;
using Lumen.Core.Sli;
using Lumen.TestKit;
using Lumen.Runtime.Loop;
using Lumen.Runtime.Tests.TestKit;

namespace Lumen.Runtime.Tests.Loop;

public sealed class ControlLoopTests
{
    private const string Knob = HarnessConfig.Knob;

    [Fact]
    public async Task TickAsync_OkData_AppliesTheRuleProposalAfterTheIntent()
    {
        await using var f = await LoopFixture.CreateAsync();

        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);

        var entries = await f.EntriesAsync();
        var intent = entries.Single(e => e.Kind == LedgerKinds.AdjustmentIntent);
        var applied = entries.Single(e => e.Kind == LedgerKinds.AdjustmentApplied);
        Assert.True(intent.Seq < applied.Seq);
        Assert.Equal(32, intent.Data.GetProperty("from").GetDouble());
        Assert.Equal(36, intent.Data.GetProperty("to").GetDouble());
        Assert.Equal("rules", intent.Data.GetProperty("source").GetString());
        Assert.Equal(36, f.Executor.Values[Knob]);
        Assert.Equal(AdjustmentState.Applied, Assert.Single(f.Loop.Book.Open.Values).State);
    }

    /// <summary>
    /// <c>lumen_sli_readings_total</c>: every reading of both tracks is counted under its SLI and status,
    /// across ticks whose readings change status, and the counters are published in key order.
    /// </summary>
    [Fact]
    public async Task TickAsync_ReadingsOfEveryStatus_CountedPerSliAndStatusInKeyOrder()
    {
        await using var f = await LoopFixture.CreateAsync();
        SliStatus?[] script = [null, SliStatus.Stale, SliStatus.Missing, null, SliStatus.Stale, null];

        foreach (var status in script)
        {
            f.Source.Status = status;
            await f.TickAsync();
        }

        var counts = f.Metrics.Published[^1].SliReadingCounts.Where(c => c.Service == HarnessConfig.Service).ToList();
        string[] slis = ["error_rate", "p95_ms", "rps"];
        var expected = slis.SelectMany(sli => new[] { ("missing", 2L), ("ok", 6L), ("stale", 4L) }.Select(s => (sli, s.Item1, s.Item2))).ToList();
        Assert.Equal(expected, counts.Select(c => (c.Sli, c.Status, c.Count)).ToList());
    }

    [Fact]
    public async Task TickAsync_NotEnoughHistory_TakesNoAction()
    {
        await using var f = await LoopFixture.CreateAsync();

        var report = await f.TickAsync();

        Assert.DoesNotContain(LedgerKinds.AdjustmentIntent, report.LedgerKinds);
        Assert.Contains(LedgerKinds.Observation, report.LedgerKinds);
        Assert.Contains(LedgerKinds.Tick, report.LedgerKinds);
        Assert.Empty(f.Executor.Calls.Where(c => c.Operation == Lumen.Core.Adjustments.ExecutorOperation.Set));
    }

    [Theory]
    [InlineData(SliStatus.Missing)]
    [InlineData(SliStatus.Stale)]
    [InlineData(SliStatus.Invalid)]
    [InlineData(SliStatus.Error)]
    public async Task TickAsync_BadData_TakesNoActionButStillRollsBackTheExpiredAdjustment(SliStatus status)
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        f.Source.Status = status;

        var reports = new List<TickReport>();
        for (var i = 0; i < 6; i++)
        {
            reports.Add(await f.TickAsync());
        }

        Assert.Contains(reports, r => r.LedgerKinds.Contains(LedgerKinds.AdjustmentExpired));
        Assert.DoesNotContain(reports, r => r.LedgerKinds.Contains(LedgerKinds.AdjustmentIntent));
        Assert.DoesNotContain(reports, r => r.LedgerKinds.Contains(LedgerKinds.Decision));
        Assert.All(reports, r => Assert.False(r.Ok));
        Assert.Equal(32, f.Executor.Values[Knob]);
        Assert.Empty(f.Loop.Book.Open);
    }

    [Fact]
    public async Task TickAsync_SourceThrows_StillRollsBackTheExpiredAdjustment()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        f.Source.Throw = true;

        var report = await f.TickUntilAsync(LedgerKinds.AdjustmentExpired, limit: 4);

        Assert.Contains(report.Problems, p => p.Contains("sli source failed", StringComparison.Ordinal));
        Assert.Equal(32, f.Executor.Values[Knob]);
    }

    [Fact]
    public async Task TickAsync_ShadowMode_WritesShadowAndNeverSetsAKnob()
    {
        await using var f = await LoopFixture.CreateAsync(dryRun: true);

        for (var i = 0; i < 12; i++)
        {
            await f.TickAsync();
        }

        var entries = await f.EntriesAsync();
        Assert.Contains(entries, e => e.Kind == LedgerKinds.Shadow);
        Assert.DoesNotContain(entries, e => e.Kind == LedgerKinds.AdjustmentIntent);
        Assert.DoesNotContain(f.Executor.Calls, c => c.Operation == ExecutorOperation.Set);
        Assert.Equal(32, f.Executor.Values[Knob]);
        Assert.True(entries.Single(e => e.Kind == LedgerKinds.ConfigLoaded).Data.GetProperty("dry_run").GetBoolean());
    }

    [Fact]
    public async Task TickAsync_AtExpiresAtExactly_RestoresFromAndWritesExpired()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        var adjustment = Assert.Single(f.Loop.Book.Open.Values);
        var expiresAt = adjustment.Intent.ExpiresAt;

        // The tick just before expires_at leaves it applied.
        Assert.True(f.Time.GetUtcNow() < expiresAt);
        var before = await f.TickAsync();
        Assert.DoesNotContain(LedgerKinds.AdjustmentExpired, before.LedgerKinds);
        Assert.Equal(expiresAt, f.Time.GetUtcNow());

        var at = await f.TickAsync();

        Assert.Contains(LedgerKinds.AdjustmentExpired, at.LedgerKinds);
        var expired = (await f.EntriesAsync()).Single(e => e.Kind == LedgerKinds.AdjustmentExpired);
        Assert.Equal(expiresAt, expired.Ts);
        Assert.Equal(adjustment.Id, expired.Data.GetProperty("id").GetString());
        Assert.Equal(32, expired.Data.GetProperty("restored").GetDouble());
        Assert.Equal(32, f.Executor.Values[Knob]);
    }

    [Fact]
    public async Task TickAsync_RollbackFails_RetriesWithExponentialBackoffUntilItSucceeds()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        f.Loop.AcceptNewAdjustments = false;
        f.Executor.Inject(new InMemoryFault(InMemoryFaultMode.FailBeforeWrite, "admin endpoint down", Operation: ExecutorOperation.Set));
        f.Executor.Inject(new InMemoryFault(InMemoryFaultMode.FailBeforeWrite, "admin endpoint down", Operation: ExecutorOperation.Set));

        var first = await f.TickUntilAsync(LedgerKinds.RollbackFailed, limit: 4);
        var failedAt = first.Now;
        var second = await f.TickAsync();                // first + 30 s: backoff 30 s has passed
        var waiting = await f.TickAsync();               // first + 60 s: backoff 60 s has not (due at +90 s)
        var done = await f.TickAsync();                  // first + 90 s

        var failures = (await f.EntriesAsync()).Where(e => e.Kind == LedgerKinds.RollbackFailed).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Equal(1, failures[0].Data.GetProperty("attempt").GetInt32());
        Assert.Equal(LedgerTime.ToText(failedAt + TimeSpan.FromSeconds(30)), failures[0].Data.GetProperty("next_attempt_at").GetString());
        Assert.Equal(2, failures[1].Data.GetProperty("attempt").GetInt32());
        Assert.Equal(LedgerTime.ToText(failedAt + TimeSpan.FromSeconds(90)), failures[1].Data.GetProperty("next_attempt_at").GetString());
        Assert.Contains(LedgerKinds.RollbackFailed, second.LedgerKinds);
        Assert.Empty(waiting.LedgerKinds.Where(k => k is LedgerKinds.RollbackFailed or LedgerKinds.AdjustmentExpired));
        Assert.Contains(LedgerKinds.AdjustmentExpired, done.LedgerKinds);
        Assert.Equal(32, f.Executor.Values[Knob]);
        Assert.Empty(f.Loop.Book.Open);
    }

    [Fact]
    public async Task TickAsync_IntentWithoutOutcomeAndTargetAtFrom_RecordsFailedNotAppliedBeforeRestart()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.RestartAsync(crashAt: "before_apply");
        await Assert.ThrowsAsync<SimulatedCrashException>(async () => await f.TickUntilAsync(LedgerKinds.AdjustmentApplied));
        await f.RestartAsync();

        var report = await f.TickAsync();

        var failed = (await f.EntriesAsync()).Single(e => e.Kind == LedgerKinds.AdjustmentFailed);
        Assert.Equal(ControlLoop.NotAppliedBeforeRestart, failed.Data.GetProperty("reason").GetString());
        Assert.Equal(32, failed.Data.GetProperty("value").GetDouble());
        Assert.Contains(LedgerKinds.AdjustmentFailed, report.LedgerKinds);
        Assert.DoesNotContain(f.Executor.Calls, c => c.Operation == ExecutorOperation.Set);
    }

    [Fact]
    public async Task TickAsync_IntentWithoutOutcomeAndTargetAtTo_RecordsAppliedWithoutSettingAgain()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.RestartAsync(crashAt: "before_ledger_outcome");
        await Assert.ThrowsAsync<SimulatedCrashException>(async () => await f.TickUntilAsync(LedgerKinds.AdjustmentApplied));
        await f.RestartAsync();

        await f.TickAsync();

        var entries = await f.EntriesAsync();
        var applied = entries.Single(e => e.Kind == LedgerKinds.AdjustmentApplied);
        Assert.Equal(36, applied.Data.GetProperty("value").GetDouble());
        Assert.Single(f.Executor.Calls, c => c.Operation == ExecutorOperation.Set && c.RequestedValue == 36);
        Assert.Equal(AdjustmentState.Applied, Assert.Single(f.Loop.Book.Open.Values).State);
    }

    [Fact]
    public async Task TickAsync_CrashAfterRollback_RestartedLoopWritesExpiredOnce()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        await f.RestartAsync(crashAt: "after_rollback");
        f.Loop.AcceptNewAdjustments = false;
        await Assert.ThrowsAsync<SimulatedCrashException>(async () => await f.TickUntilAsync(LedgerKinds.AdjustmentExpired));
        Assert.Equal(32, f.Executor.Values[Knob]);
        await f.RestartAsync();
        f.Loop.AcceptNewAdjustments = false;

        await f.TickAsync();

        Assert.Single(await f.EntriesAsync(), e => e.Kind == LedgerKinds.AdjustmentExpired);
        Assert.Empty(f.Loop.Book.Open);
    }

    [Fact]
    public async Task BuildAsync_AfterRestart_RebuildsTheOpenAdjustmentAndTheTickNumber()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        var before = f.Loop.Book;

        await f.RestartAsync();

        Assert.Equal(before.NextId, f.Loop.Book.NextId);
        Assert.Equal(before.LastTick + 1, f.Loop.NextTick);
        Assert.Equal(before.Open.Keys, f.Loop.Book.Open.Keys);
    }

    [Fact]
    public async Task BuildAsync_MatchingSnapshot_StartsFromIt()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        await f.Loop.WriteSnapshotAsync(CancellationToken.None);
        var saved = AdjustmentSnapshot.FromJson(f.Files.Files[AdjustmentSnapshot.FileName], out _)!;
        // A marker only the snapshot carries proves the book came from it, not from a full fold.
        var marked = saved with { OutcomeCounts = saved.OutcomeCounts.SetItem("marker|x", 7) };
        f.Files.Files[AdjustmentSnapshot.FileName] = marked.ToJson();

        await f.RestartAsync();

        Assert.Equal(7, f.Loop.Book.Count("marker", "x"));
        Assert.Single(f.Loop.Book.Open);
    }

    [Fact]
    public async Task BuildAsync_SnapshotThatDoesNotMatchTheChain_IsIgnored()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        await f.Loop.WriteSnapshotAsync(CancellationToken.None);
        var saved = AdjustmentSnapshot.FromJson(f.Files.Files[AdjustmentSnapshot.FileName], out _)!;
        var forged = saved with { Hash = new string('0', 64), OutcomeCounts = saved.OutcomeCounts.SetItem("marker|x", 7), Open = [] };
        f.Files.Files[AdjustmentSnapshot.FileName] = forged.ToJson();

        await f.RestartAsync();

        Assert.Equal(0, f.Loop.Book.Count("marker", "x"));
        Assert.Single(f.Loop.Book.Open);
        var loaded = (await f.EntriesAsync()).Last(e => e.Kind == LedgerKinds.ConfigLoaded);
        Assert.Contains("does not match", loaded.Data.GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TickAsync_SettleDelayPassed_ObservesRewardAndSavesTheBandit()
    {
        await using var f = await LoopFixture.CreateAsync(configure: o => o with { Tuner = TunerKind.LinUcb });
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);

        await f.TickUntilAsync(LedgerKinds.RewardObserved, limit: 3);

        var reward = (await f.EntriesAsync()).Single(e => e.Kind == LedgerKinds.RewardObserved);
        var rObs = reward.Data.GetProperty("r_obs").GetDouble();
        var expected = reward.Data.GetProperty("health_after").GetDouble() - reward.Data.GetProperty("health_before").GetDouble()
                       - reward.Data.GetProperty("cost").GetDouble();
        Assert.Equal(expected, rObs, 12);
        Assert.Equal(rObs, reward.Data.GetProperty("r").GetDouble());
        Assert.True(f.Files.Files.ContainsKey(BanditStore.FileName));
    }

    [Fact]
    public async Task TickAsync_Publishes_LedgerHeadAndOutcomeCounts()
    {
        await using var f = await LoopFixture.CreateAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);

        var last = f.Metrics.Published[^1];

        Assert.True(last.LedgerHeadSeq > 0);
        Assert.NotNull(last.LoopLastSuccessUnixSeconds);
        Assert.Contains(last.AdjustmentOutcomes, o => o.Outcome == "applied" && o.Count == 1);
        Assert.Equal(1, Assert.Single(last.Services).ActiveAdjustments);
    }

    [Fact]
    public async Task TickAsync_CoherenceFallsBelowMinimumAfterAnAdjustment_BrakeRollsItBackBeforeItsTtl()
    {
        await using var f = await LoopFixture.CreateAsync(configure: o => o with { Config = HarnessConfig.Create(ttlMinutes: 30, coherenceMin: 0.5) });
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        var adjustment = Assert.Single(f.Loop.Book.Open.Values);
        f.P95Ms = 5000;

        var report = await f.TickUntilAsync(LedgerKinds.AdjustmentRolledBack, limit: 10);

        Assert.True(report.Now < adjustment.Intent.ExpiresAt);
        var rolledBack = (await f.EntriesAsync()).Single(e => e.Kind == LedgerKinds.AdjustmentRolledBack);
        Assert.Equal("brake", rolledBack.Data.GetProperty("reason").GetString());
        Assert.Equal(32, f.Executor.Values[Knob]);
    }
}
