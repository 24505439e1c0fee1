using Lumen.Runtime.Loop;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>The baseline: the defaults, never acts (always hold).</summary>
internal sealed class StaticPolicy : IArmPolicy
{
    public string Name => TunerPolicyNames.Static;

    public ArmPick Choose(ArmPolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ArmPick(context.Arms.IndexOf("hold"), 1.0);
    }
}
