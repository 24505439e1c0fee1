using Lumen.Core.Ledger;
using Lumen.TestKit;
using Lumen.Runtime.Loop;
using Lumen.Runtime.Tests.TestKit;

namespace Lumen.Runtime.Tests.Loop;

/// <summary>The bandit side of the loop: hold rewards, eligible arms and the arm-policy seam.</summary>
public sealed class ControlLoopBanditTests
{
    [Fact]
    public async Task TickAsync_HoldChosen_RewardsHoldAfterTheSettleDelay()
    {
        var policy = new FixedArmPolicy("hold");
        await using var f = await LoopFixture.CreateAsync(configure: o => o with { Tuner = TunerKind.LinUcb, ArmPolicy = policy });
        f.P95Ms = 100; // within the SLO: no rule fires, the bandit decides alone

        await f.TickUntilAsync(LedgerKinds.RewardObserved, limit: 20);

        var entries = await f.EntriesAsync();
        var reward = entries.First(e => e.Kind == LedgerKinds.RewardObserved);
        Assert.Equal("hold", reward.Data.GetProperty("arm").GetString());
        Assert.False(reward.Data.TryGetProperty("id", out _));
        Assert.Equal(reward.Data.GetProperty("health_after").GetDouble() - reward.Data.GetProperty("health_before").GetDouble(),
            reward.Data.GetProperty("r_obs").GetDouble(), 12);
        Assert.Equal(0, reward.Data.GetProperty("cost").GetDouble());
        Assert.DoesNotContain(entries, e => e.Kind == LedgerKinds.AdjustmentIntent);
        var decision = entries.First(e => e.Kind == LedgerKinds.Decision);
        Assert.Equal("fixed:hold", decision.Data.GetProperty("policy").GetString());

        // The saved model shows hold learnt (its A is no longer the prior ridge·I).
        var saved = f.Files.Files[BanditStore.FileName];
        Assert.Contains("\"hold\"", saved, StringComparison.Ordinal);
        Assert.True(policy.Seen.Count > 0);
    }

    [Fact]
    public async Task TickAsync_DefaultLinUcb_HoldIsUpdatedSoItDoesNotWinForever()
    {
        await using var f = await LoopFixture.CreateAsync(configure: o => o with { Tuner = TunerKind.LinUcb, Config = HarnessConfig.Create(ttlMinutes: 1) });
        f.P95Ms = 100;

        for (var i = 0; i < 60; i++)
        {
            await f.TickAsync();
        }

        var rewards = (await f.EntriesAsync()).Where(e => e.Kind == LedgerKinds.RewardObserved)
            .Select(e => e.Data.GetProperty("arm").GetString()).ToList();
        Assert.Contains("hold", rewards);
        Assert.Contains(rewards, a => a != "hold");
    }

    [Fact]
    public async Task TickAsync_PolicyChoosesAnArm_TheLoopPlaysIt()
    {
        var policy = new FixedArmPolicy(HarnessConfig.Knob + ":decrease");
        await using var f = await LoopFixture.CreateAsync(configure: o => o with { Tuner = TunerKind.LinUcb, ArmPolicy = policy });
        f.P95Ms = 100;

        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);

        var intent = (await f.EntriesAsync()).Single(e => e.Kind == LedgerKinds.AdjustmentIntent);
        Assert.Equal(HarnessConfig.Knob + ":decrease", intent.Data.GetProperty("arm").GetString());
        Assert.Equal("bandit", intent.Data.GetProperty("source").GetString());
        Assert.Equal(28, f.Executor.Values[HarnessConfig.Knob]);
        Assert.All(policy.Seen, c => Assert.True(c.Eligible[c.Arms.IndexOf("hold")]));
    }

    [Fact]
    public async Task TickAsync_WhileTheKnobIsActive_NoBanditDecisionAndTheArmIsNotOffered()
    {
        var policy = new FixedArmPolicy(HarnessConfig.Knob + ":decrease");
        await using var f = await LoopFixture.CreateAsync(configure: o => o with { Tuner = TunerKind.LinUcb, ArmPolicy = policy, Config = HarnessConfig.Create(ttlMinutes: 30) });
        f.P95Ms = 100;
        await f.TickUntilAsync(LedgerKinds.AdjustmentApplied);
        var seen = policy.Seen.Count;

        var report = await f.TickAsync();

        Assert.DoesNotContain(LedgerKinds.Decision, report.LedgerKinds);
        Assert.Equal(seen, policy.Seen.Count);
    }

    [Fact]
    public async Task TickAsync_PolicyChoosesAnIneligibleArm_Throws()
    {
        await using var f = await LoopFixture.CreateAsync(configure: o => o with { Tuner = TunerKind.LinUcb, ArmPolicy = new FixedArmPolicy("no-such-arm") });
        f.P95Ms = 100;

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await f.TickUntilAsync(LedgerKinds.Decision));
    }
}
