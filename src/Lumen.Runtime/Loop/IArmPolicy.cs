namespace Lumen.Runtime.Loop;

/// <summary>
/// The seam in the decide step (docs/loop.md "Arm policies"): given the context, LinUCB's scores
/// and the arms that can act this tick, which arm to play. The loop's default (no policy set) is
/// LinUCB's own choice; <c>lumen bench tuner</c> plugs in static, random, ε-greedy and the
/// simulator's oracle here so every policy runs through the same loop, guard and rewards.
/// Everything after the choice (guard, execute, rewards, learning) is the same for every policy.
/// </summary>
public interface IArmPolicy
{
    /// <summary>The policy's name, for logs and the <c>decision</c> entry.</summary>
    string Name { get; }

    /// <summary>Chooses an eligible arm. Called once per service and tick where some non-hold arm is eligible.</summary>
    ArmPick Choose(ArmPolicyContext context);
}
