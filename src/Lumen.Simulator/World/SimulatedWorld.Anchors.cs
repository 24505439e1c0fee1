using Lumen.Core.Canary;
using Lumen.Simulator.Model;

namespace Lumen.Simulator.World;

/// <summary>The noise-free questions the tuner benchmark's anchors ask (docs/benchmarks-tuner.md).</summary>
public sealed partial class SimulatedWorld
{
    /// <summary>
    /// The noise-free health a track of <paramref name="service"/> would have in interval
    /// <paramref name="tick"/> (1 = the first interval) had it run with <paramref name="knobs"/>
    /// (in the service's knob order) long enough for every transient to settle: the expected load
    /// of that interval (rhythm and bursts, without the per-tick noise) and the regressions active
    /// on the track then. Settled means a warm cache; over the memory limit, the restart loop's
    /// long-run down share and average fill; with client retries, the storm the expected load's
    /// history up to <paramref name="tick"/> leaves running (its hysteresis). Pure: asking changes
    /// nothing in the world. Allocation-free except the first time a tick beyond those seen is asked.
    /// </summary>
    public double SteadyHealth(string service, CanaryTrack track, ReadOnlySpan<double> knobs, long tick)
    {
        var state = State(service);
        if (knobs.Length != state.Spec.Knobs.Length)
        {
            throw new ArgumentException($"service '{service}' has {state.Spec.Knobs.Length} knobs, {knobs.Length} values given", nameof(knobs));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(tick, 1);
        var model = state.Spec.Model;
        var loads = state.ExpectedLoads(Seed, tick);
        var perInstance = loads[tick];
        var impairment = state.ImpairmentAt(track, tick * _tickSeconds);
        var values = state.Values(knobs);
        var memory = CacheFill.Steady(model, values);
        var shape = ServiceModel.Shape(model, values with { CacheMb = memory.MeanFilledMb }, impairment);
        var storm = StormBefore(shape.Retry, loads, tick);
        var expected = ServiceModel.WithDowntime(ServiceModel.Evaluate(shape, perInstance, ref storm, out _), memory.DownShare);
        return expected.TrueHealth(Environment.Slo);
    }

    /// <summary>
    /// Whether a storm runs going into interval <paramref name="tick"/> under the expected load: walking
    /// back, the load reached the storm's entry before it last fell below its exit.
    /// </summary>
    private static bool StormBefore(in RetryShape retry, double[] loads, long tick)
    {
        if (retry.Retries == 0)
        {
            return false;
        }

        for (var i = tick - 1; i >= 1; i--)
        {
            var rps = loads[i];
            if (rps < retry.ExitRps)
            {
                return false;
            }

            if (rps >= retry.EntryRps)
            {
                return true;
            }
        }

        return false;
    }
}
