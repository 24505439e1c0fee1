using Lumen.Cli.Demo;
using Lumen.Core.Canary;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Core.Publishing;
using Lumen.Core.State;
using Lumen.Runtime.Loop;
using Lumen.Simulator.Loop;
using Lumen.Simulator.World;

namespace Lumen.Cli.Composition;

internal static partial class LoopParts
{
    /// <summary>The ports of a loop over the simulator: its SLI source, a <c>sim</c> executor per service on each track, and <paramref name="clock"/>.</summary>
    public static LoopPorts Simulated(SimulatedWorld world, ILedgerStore ledger, IMetricsSink metrics, IStateFiles state, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(world);
        return new LoopPorts(
            new SimSliSource(world),
            SimExecutors(world, CanaryTrack.Canary),
            SimExecutors(world, CanaryTrack.Baseline),
            ledger, metrics, state, clock);
    }

    /// <summary>
    /// The options every simulated loop shares: the demo's stage, changes applied (it is a simulator),
    /// the bandit seeded with the run's seed, no snapshots (the run is not restarted).
    /// </summary>
    public static LoopOptions SimulatedOptions(LumenConfig config, string actor, ulong seed) =>
        new(config, DemoConfig.Stage)
        {
            DryRun = false,
            BanditSeed = seed,
            Actor = actor,
            SnapshotEveryTicks = 0,
        };

    private static Dictionary<string, IExecutor> SimExecutors(SimulatedWorld world, CanaryTrack track) =>
        world.Services.ToDictionary(s => s, s => (IExecutor)new SimExecutor(world, s, track));
}
