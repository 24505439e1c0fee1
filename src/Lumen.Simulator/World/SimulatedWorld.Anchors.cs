namespace Lumen.Simulator.World;

/// <summary>The noise-free questions the tuner benchmark's anchors ask (docs/benchmarks-tuner.md).</summary>
public sealed partial class SimulatedWorld
{
    /// <summary>
    /// The noise-free health a track of <paramref name="service"/> would have in interval
    /// <paramref name="tick"/> (1 = the first interval) had it run with <paramref name="knobs"/>
    /// (in the service's knob order) long enough for every transient to settle: the expected load
    /// of that interval (rhythm and bursts, without the per-tick noise) and the regressions active
    /// on the track then. Pure: asking changes nothing in the world.
    /// </summary>
    public double SteadyHealth(string service, Track track, ReadOnlySpan<double> knobs, long tick)
    {
        var state = State(service);
        if (knobs.Length != state.Spec.Knobs.Length)
        {
            throw new ArgumentException($"service '{service}' has {state.Spec.Knobs.Length} knobs, {knobs.Length} values given", nameof(knobs));
        }

        var perInstance = state.Curve.Expected(Seed, tick) / state.TotalInstances;
        var impairment = state.ImpairmentAt(track, tick * _tickSeconds);
        return HealthOf(state, knobs.ToArray(), perInstance, impairment);
    }
}
