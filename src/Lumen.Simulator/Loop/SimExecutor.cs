using Lumen.Core.Adjustments;
using Lumen.Core.Canary;
using Lumen.Core.Policy;
using Lumen.Simulator.World;

namespace Lumen.Simulator.Loop;

/// <summary>
/// The config's <c>sim</c> executor (<c>lumen demo</c>): sets and reads one (service, track)'s knobs in the simulated world. A
/// value the world refuses (unknown knob, out of bounds) is a permanent failure with its reason.
/// </summary>
public sealed class SimExecutor(SimulatedWorld world, string service, CanaryTrack track) : IExecutor
{
    private Dictionary<string, ExecutorResult>? _lastResults;
    private Task<IReadOnlyDictionary<string, ExecutorResult>>? _last;

    public string Kind => ExecutorKinds.Sim;

    public Task<ExecutorResult> SetAsync(string knob, double value, CancellationToken cancellationToken) =>
        Task.FromResult(world.TrySetKnob(service, track, knob, value, out var error)
            ? ExecutorResult.Ok(world.GetKnob(service, track, knob))
            : ExecutorResult.Failed(error, transient: false));

    public Task<ExecutorResult> GetAsync(string knob, CancellationToken cancellationToken) => Task.FromResult(Read(knob));

    /// <summary>Every knob in one answer, as a target that returns its whole configuration does (the loop reads them every tick).</summary>
    public Task<IReadOnlyDictionary<string, ExecutorResult>> GetAllAsync(IReadOnlyList<string> knobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knobs);

        // The loop reads the same knobs every tick and they seldom change: the last answer is given again
        // while it answers for exactly these knobs and every value in it is still the world's (a simulated
        // world of 10,000 services otherwise made 30,000 results a tick, which the loop benchmark counted as the loop's).
        if (_last is { } last && StillHolds(_lastResults!, knobs))
        {
            return last;
        }

        var results = new Dictionary<string, ExecutorResult>(knobs.Count, StringComparer.Ordinal);
        foreach (var knob in knobs)
        {
            results[knob] = Read(knob);
        }

        _lastResults = results;
        return _last = Task.FromResult<IReadOnlyDictionary<string, ExecutorResult>>(results);
    }

    private bool StillHolds(Dictionary<string, ExecutorResult> answer, IReadOnlyList<string> knobs)
    {
        if (answer.Count != knobs.Count)
        {
            return false;
        }

        for (var i = 0; i < knobs.Count; i++) // by index: an enumerator of the interface is an allocation per read
        {
            // A failure is an unknown knob, and the world's knobs do not change.
            var knob = knobs[i];
            if (!answer.TryGetValue(knob, out var result) || (result.IsOk && world.GetKnob(service, track, knob) != result.Value))
            {
                return false;
            }
        }

        return true;
    }

    private ExecutorResult Read(string knob)
    {
        foreach (var spec in world.Spec(service).Knobs)
        {
            if (spec.Name == knob)
            {
                return ExecutorResult.Ok(world.GetKnob(service, track, knob));
            }
        }

        return ExecutorResult.Failed($"{service} has no knob '{knob}' in the simulator", transient: false);
    }
}
