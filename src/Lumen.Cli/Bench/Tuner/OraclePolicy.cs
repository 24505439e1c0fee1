using Lumen.Runtime.Loop;
using Lumen.Simulator.World;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>
/// The simulator's oracle: among the eligible arms, the one with the highest true expected reward
/// for the coming interval (<see cref="SimulatedWorld.TrueArmRewards"/>; hold on ties). It is a
/// one-step (myopic) oracle under the same guard, cooldowns and TTL as every other policy, which is
/// what regret is measured against.
/// </summary>
internal sealed class OraclePolicy(SimulatedWorld world) : IArmPolicy
{
    public string Name => TunerPolicyNames.Oracle;

    public ArmPick Choose(ArmPolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rewards = world.TrueArmRewards(context.Service).ToDictionary(r => r.Arm.Key, r => r.Reward, StringComparer.Ordinal);
        var best = context.Arms.IndexOf("hold");
        var bestReward = rewards.GetValueOrDefault("hold");
        for (var i = 0; i < context.Arms.Length; i++)
        {
            if (context.Eligible[i] && rewards.TryGetValue(context.Arms[i], out var reward) && reward > bestReward)
            {
                best = i;
                bestReward = reward;
            }
        }

        return new ArmPick(best, 1.0);
    }
}
