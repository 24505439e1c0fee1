using Lumen.Core.Canary;
using Lumen.Simulator.World;

namespace Lumen.Simulator.Tests.World;

public sealed class SimulatedWorldTests
{
    private static List<SimReading> Run(ulong seed, int ticks)
    {
        var world = new SimulatedWorld(TestEnvironments.Load("bursty"), seed);
        var readings = new List<SimReading>();
        for (var i = 0; i < ticks; i++)
        {
            world.Advance();
            foreach (var service in world.Services)
            {
                readings.Add(world.Reading(service, CanaryTrack.Baseline));
                readings.Add(world.Reading(service, CanaryTrack.Canary));
            }
        }

        return readings;
    }

    [Fact]
    public void Advance_SameSeed_GivesBitIdenticalReadings()
    {
        var first = Run(42, 300);
        var second = Run(42, 300);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Advance_DifferentSeed_GivesDifferentReadings()
    {
        var first = Run(42, 50);
        var second = Run(43, 50);

        Assert.NotEqual(first, second);
        Assert.True(first.Zip(second).Count(p => p.First.P95Ms != p.Second.P95Ms) > 150);
    }

    [Fact]
    public void IntervalRecords_Asked_DoNotChangeTheReadings()
    {
        var plain = new SimulatedWorld(TestEnvironments.Steady, 7);
        var asking = new SimulatedWorld(TestEnvironments.Steady, 7);
        for (var i = 0; i < 20; i++)
        {
            plain.Advance();
            asking.Advance();
            _ = asking.IntervalRecords();
            Assert.Equal(plain.Reading("checkout", CanaryTrack.Canary), asking.Reading("checkout", CanaryTrack.Canary));
        }
    }

    [Fact]
    public void Advance_Ticks_MovesSimulatedTimeOnly()
    {
        var world = new SimulatedWorld(TestEnvironments.Steady, 1);

        world.Advance(10);
        var ticks = world.AdvanceTo(world.Now.AddMinutes(5).AddSeconds(10));

        Assert.Equal(10, ticks);
        Assert.Equal(20, world.Tick);
        Assert.Equal(world.Environment.Start.AddMinutes(10), world.Now);
        Assert.Equal(world.Now, world.Reading("search", CanaryTrack.Baseline).Timestamp);
    }

    [Fact]
    public void TrySetKnob_Valid_TakesEffectOnThatTrackOnly()
    {
        var world = new SimulatedWorld(TestEnvironments.Steady, 1);

        Assert.True(world.TrySetKnob("checkout", CanaryTrack.Canary, "concurrency_limit", 12, out _));

        Assert.Equal(12, world.GetKnob("checkout", CanaryTrack.Canary, "concurrency_limit"));
        Assert.Equal(32, world.GetKnob("checkout", CanaryTrack.Baseline, "concurrency_limit"));
        world.Advance();
        Assert.NotEqual(world.Expected("checkout", CanaryTrack.Baseline).P95Ms, world.Expected("checkout", CanaryTrack.Canary).P95Ms);
    }

    [Theory]
    [InlineData("nope", "concurrency_limit", 8, "unknown service")]
    [InlineData("search", "timeout_ms", 500, "no knob")]
    [InlineData("checkout", "timeout_ms", 50, "outside")]
    [InlineData("checkout", "cache_size_mb", double.NaN, "outside")]
    public void TrySetKnob_Invalid_IsRefusedWithAReason(string service, string knob, double value, string reason)
    {
        var world = new SimulatedWorld(TestEnvironments.Steady, 1);

        Assert.False(world.TrySetKnob(service, CanaryTrack.Canary, knob, value, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Readings_OverADay_FollowTheRhythm()
    {
        var world = new SimulatedWorld(TestEnvironments.Steady, 3);
        world.Advance(7 * 120); // 07:00, the trough (peak at 19:00)
        var trough = world.Reading("checkout", CanaryTrack.Baseline).Rps;
        world.Advance(12 * 120);
        var peak = world.Reading("checkout", CanaryTrack.Baseline).Rps;

        // 4 of 5 instances are baseline; checkout runs 300 → 2600 rps.
        Assert.InRange(trough, 0.8 * 0.9 * 300, 0.8 * 1.1 * 300);
        Assert.InRange(peak, 0.8 * 0.9 * 2600, 0.8 * 1.1 * 2600);
    }

    [Fact]
    public void Regression_OnTheCanary_RaisesCanaryLatencyOnlyAfterItsStart()
    {
        var world = new SimulatedWorld(TestEnvironments.Load("bad-release"), 5);
        var start = TimeSpan.FromHours(36);
        var ratiosBefore = new List<double>();
        var ratiosAfter = new List<double>();
        while (world.Now < world.Environment.Start + start + TimeSpan.FromHours(2))
        {
            world.Advance();
            var ratio = world.Expected("checkout", CanaryTrack.Canary).P95Ms / world.Expected("checkout", CanaryTrack.Baseline).P95Ms;
            (world.Now <= world.Environment.Start + start ? ratiosBefore : ratiosAfter).Add(ratio);
            Assert.Equal(world.Expected("search", CanaryTrack.Baseline).P95Ms, world.Expected("search", CanaryTrack.Canary).P95Ms);
        }

        Assert.All(ratiosBefore, r => Assert.Equal(1.0, r, 12));
        Assert.All(ratiosAfter, r => Assert.True(r > 1.3, $"canary/baseline p95 {r}"));
        Assert.True(world.Expected("checkout", CanaryTrack.Canary).ErrorRate > world.Expected("checkout", CanaryTrack.Baseline).ErrorRate + 0.019);
    }

    [Fact]
    public void TrueArmRewards_Arms_AreHoldThenEachKnobUpAndDown()
    {
        var world = new SimulatedWorld(TestEnvironments.Steady, 1);

        var rewards = world.TrueArmRewards("checkout");

        Assert.Equal(
            ["hold", "concurrency_limit:increase", "concurrency_limit:decrease", "cache_size_mb:increase", "cache_size_mb:decrease", "timeout_ms:increase", "timeout_ms:decrease"],
            rewards.Select(r => r.Arm.Key));
        Assert.Equal(0, rewards[0].Reward);
        Assert.All(rewards, r => Assert.Equal(r.HealthAfter - r.HealthBefore - r.Cost, r.Reward, 12));
        Assert.Equal(36, rewards[1].NewValue);
        Assert.Equal(4 * 0.0005, rewards[1].Cost, 12);
    }

    [Fact]
    public void TrueArmRewards_AtABound_ClampsTheStep()
    {
        var world = new SimulatedWorld(TestEnvironments.Steady, 1);
        Assert.True(world.TrySetKnob("checkout", CanaryTrack.Canary, "concurrency_limit", 256, out _));

        var increase = world.TrueArmRewards("checkout")[1];

        Assert.Equal(256, increase.NewValue);
        Assert.Equal(0, increase.Cost);
        Assert.Equal(0, increase.Reward, 12);
    }

    [Fact]
    public void BestArm_AtPeakAndTrough_Differs()
    {
        var trough = new SimulatedWorld(TestEnvironments.Steady, 11);
        trough.Advance(7 * 120 - 1);
        var peak = new SimulatedWorld(TestEnvironments.Steady, 11);
        peak.Advance(19 * 120 - 1);

        var atTrough = trough.BestArm("checkout");
        var atPeak = peak.BestArm("checkout");

        // At the trough the defaults meet the SLO (an idle pool costs nothing): nothing beats holding.
        Assert.NotEqual(atTrough.Arm, atPeak.Arm);
        Assert.True(atPeak.Reward > 0, $"best arm at peak {atPeak}");
        Assert.Equal(SimArm.Hold, atTrough.Arm);
    }

    [Fact]
    public void TrueHealth_IsTheCoresHealthOfTheNoiseFreeSlis()
    {
        // The checkout default cannot hold the evening peak of steady: somewhere in the day health is below 1.
        var world = new SimulatedWorld(TestEnvironments.Steady, 3);
        var below = 0;
        for (var i = 0; i < 24 * 12; i++)
        {
            world.Advance(10);
            var expected = world.Expected("checkout", CanaryTrack.Canary);
            var core = Core.Rhythm.Health.Of(new Core.Sli.SliSample(world.Now, expected.P95Ms, expected.ErrorRate, double.NaN), world.Environment.Slo);

            Assert.Equal(core, world.TrueHealth("checkout", CanaryTrack.Canary));
            below += core < 1 ? 1 : 0;
        }

        Assert.True(below > 0, "the day never left the SLO, so the comparison saw only health 1");
    }
}
