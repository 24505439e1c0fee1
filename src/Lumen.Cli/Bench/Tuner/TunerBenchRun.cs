using Lumen.Cli.Composition;
using Lumen.Cli.Demo;
using Lumen.Core.Adjustments;
using Lumen.Core.Canary;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Core.Publishing;
using Lumen.Runtime.Loop;
using Lumen.Simulator.Environments;
using Lumen.Simulator.Loop;
using Lumen.Simulator.World;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>
/// One policy on one environment and seed: the real loop (<see cref="LoopBuilder"/>) over the
/// simulator, with the demo's configuration (dev policy: α 1, clamp 25 %, TTL 20 min, cooldown
/// 5 min, ≤ 3 active; no rules), an in-memory ledger and state, and the policy in the decide step:
/// <c>lumen</c> is the loop's <see cref="TunerKind.Lumen"/> tuner, every other policy runs on
/// <see cref="TunerKind.LinUcb"/> (the step policies through its <see cref="IArmPolicy"/> seam).
/// After every tick the canary's true health of the interval just simulated is added up, per hour
/// (<see cref="RunTicks"/>), with its SLO margin (<see cref="SloMargin"/>).
/// </summary>
internal static class TunerBenchRun
{
    private const string BanditModels = "models/linucb.json";

    public static async Task<TunerRunResult> RunAsync(SimEnvironment environment, string policyName, int seed, double days,
        string? initialModels, CancellationToken cancellationToken)
    {
        var world = new SimulatedWorld(environment, (ulong)seed);
        var clock = new SimulatedClock(world);
        var ledger = new MemoryLedgerStore(clock);
        var state = new MemoryStateFiles();
        if (initialModels is not null)
        {
            await state.WriteAsync(BanditModels, initialModels, cancellationToken).ConfigureAwait(false);
        }

        var ports = LoopParts.Simulated(world, ledger, new NullSink(), state, clock);
        var config = Configure(DemoConfig.For(environment), conservative: policyName == TunerPolicyNames.ConservativeLinUcb);
        IArmPolicy? policy = policyName switch
        {
            TunerPolicyNames.Static => new StaticPolicy(),
            TunerPolicyNames.Random => new RandomPolicy(seed),
            TunerPolicyNames.EpsilonGreedy => new EpsilonGreedyPolicy(seed, 0.1),
            TunerPolicyNames.Oracle => new OraclePolicy(world),
            TunerPolicyNames.LinUcb or TunerPolicyNames.ConservativeLinUcb or TunerPolicyNames.Lumen => null,
            _ => throw new ArgumentException($"unknown policy '{policyName}'", nameof(policyName)),
        };
        var loop = await LoopBuilder.BuildAsync(LoopParts.SimulatedOptions(config, "lumen-bench", (ulong)seed) with
        {
            Tuner = policyName == TunerPolicyNames.Lumen ? TunerKind.Lumen : TunerKind.LinUcb,
            ArmPolicy = policy,
        }, ports, cancellationToken).ConfigureAwait(false);

        var ticks = RunTicks.For(days, environment.TickSeconds);
        var tickMinutes = environment.TickSeconds / 60.0;
        var hourly = new double[ticks.Hours];
        double reward = 0, violation = 0, margin = 0;
        for (long tick = 1; tick <= ticks.Count; tick++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            world.Advance();
            foreach (var service in world.Services)
            {
                var health = world.TrueHealth(service, CanaryTrack.Canary);
                reward += health;
                hourly[ticks.HourOf(tick)] += health;
                if (health < 1)
                {
                    violation += tickMinutes;
                }

                var expected = world.Expected(service, CanaryTrack.Canary);
                margin += SloMargin.Of(expected.P95Ms, expected.ErrorRate, environment.Slo);
            }

            await loop.TickAsync(cancellationToken).ConfigureAwait(false);
        }

        var models = await state.ReadAsync(BanditModels, cancellationToken).ConfigureAwait(false);
        return new TunerRunResult(environment.Name, policyName, seed, reward, [.. hourly], violation, margin / (ticks.Count * world.Services.Length),
            ledger.Count(LedgerKinds.Decision), ledger.Count(LedgerKinds.AdjustmentApplied),
            ledger.Count(LedgerKinds.AdjustmentRolledBack), ledger.Count(LedgerKinds.AdjustmentExpired),
            ledger.Count(LedgerKinds.RewardObserved), models);
    }

    private static LumenConfig Configure(LumenConfig config, bool conservative)
    {
        var stage = config.StageMatrix.Stages.Single();
        var changed = stage with { Policy = stage.Policy with { Conservative = conservative } };
        return config with { StageMatrix = new StageMatrix([changed]) };
    }

    private sealed class NullSink : IMetricsSink
    {
        public Task<PublishResult> PublishAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken) =>
            Task.FromResult(PublishResult.Ok);
    }
}
