using Lumen.Runtime.Loop;

namespace Lumen.Runtime.Tests.TestKit;

/// <summary>A hand-written arm policy: always the arm with the given key, and it records what it was shown.</summary>
internal sealed class FixedArmPolicy(string arm) : IArmPolicy
{
    public string Name => "fixed:" + arm;

    public List<ArmPolicyContext> Seen { get; } = [];

    public ArmPick Choose(ArmPolicyContext context)
    {
        Seen.Add(context);
        return new ArmPick(context.Arms.IndexOf(arm), 1.0);
    }
}
