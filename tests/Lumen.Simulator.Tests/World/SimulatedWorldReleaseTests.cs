using Lumen.Core.Canary;
using Lumen.Simulator.World;

namespace Lumen.Simulator.Tests.World;

public sealed class SimulatedWorldReleaseTests
{
    [Fact]
    public void Release_OnCanary_SlowsAndFailsOnlyTheCanaryFromTheNextInterval()
    {
        var world = new SimulatedWorld(TestEnvironments.Load("steady"), 42);
        world.Advance(10);
        var before = world.Expected("checkout", CanaryTrack.Canary);

        world.Release("checkout", CanaryTrack.Canary, 1.3, 0.05);
        world.Advance();

        var canary = world.Expected("checkout", CanaryTrack.Canary);
        var baseline = world.Expected("checkout", CanaryTrack.Baseline);
        Assert.True(canary.P95Ms > baseline.P95Ms * 1.1, $"canary p95 {canary.P95Ms} vs baseline {baseline.P95Ms}");
        Assert.True(canary.ErrorRate >= baseline.ErrorRate + 0.049, $"canary errors {canary.ErrorRate} vs baseline {baseline.ErrorRate}");
        Assert.NotEqual(before.P95Ms, canary.P95Ms);
    }

    [Fact]
    public void RollBackRelease_AfterRelease_CanaryMatchesBaselineAgain()
    {
        var world = new SimulatedWorld(TestEnvironments.Load("steady"), 42);
        world.Advance(10);
        world.Release("checkout", CanaryTrack.Canary, 1.3, 0.05);
        world.Advance();

        world.RollBackRelease("checkout", CanaryTrack.Canary);
        world.Advance();

        Assert.Equal(world.Expected("checkout", CanaryTrack.Baseline), world.Expected("checkout", CanaryTrack.Canary));
    }
}
