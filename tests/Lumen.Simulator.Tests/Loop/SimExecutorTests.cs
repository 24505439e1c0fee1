using Lumen.Core.Canary;
using Lumen.Simulator.Loop;
using Lumen.Simulator.World;

namespace Lumen.Simulator.Tests.Loop;

/// <summary>
/// The simulator's executor reads every knob in one answer, and gives its last answer again only
/// while that answer is still the world's: a set, on this track or by anyone, is read back at once.
/// </summary>
public sealed class SimExecutorTests
{
    [Fact]
    public async Task GetAllAsync_NothingChanged_GivesTheSameAnswerAgain()
    {
        var (world, executor, knobs) = Setup();

        var first = executor.GetAllAsync(knobs, CancellationToken.None);
        world.Advance();
        var second = executor.GetAllAsync(knobs, CancellationToken.None);

        Assert.Same(first, second);
        var answer = await second;
        Assert.All(knobs, k => Assert.Equal(world.GetKnob("checkout", CanaryTrack.Canary, k), answer[k].Value));
    }

    [Fact]
    public async Task GetAllAsync_AfterAKnobChanged_ReadsTheNewValue()
    {
        var (world, executor, knobs) = Setup();
        var before = await executor.GetAllAsync(knobs, CancellationToken.None);
        var knob = knobs[0];
        var spec = world.Spec("checkout").Knobs.Single(k => k.Name == knob);
        var target = before[knob].Value == spec.Min ? spec.Max : spec.Min;

        // Changed behind the executor's back (as another executor of the same world would).
        Assert.True(world.TrySetKnob("checkout", CanaryTrack.Canary, knob, target, out _));
        var after = await executor.GetAllAsync(knobs, CancellationToken.None);

        Assert.Equal(target, after[knob].Value);
        Assert.NotSame(before, after);
    }

    [Fact]
    public async Task GetAllAsync_OtherKnobs_AreReadAfresh()
    {
        var (_, executor, knobs) = Setup();
        await executor.GetAllAsync(knobs, CancellationToken.None);

        var one = await executor.GetAllAsync([knobs[0], "no_such_knob"], CancellationToken.None);

        Assert.Equal(2, one.Count);
        Assert.True(one[knobs[0]].IsOk);
        Assert.False(one["no_such_knob"].IsOk);
    }

    private static (SimulatedWorld World, SimExecutor Executor, string[] Knobs) Setup()
    {
        var world = new SimulatedWorld(TestEnvironments.Load("steady"), 42);
        world.Advance(3);
        var knobs = world.Spec("checkout").Knobs.Select(k => k.Name).ToArray();
        return (world, new SimExecutor(world, "checkout", CanaryTrack.Canary), knobs);
    }
}
