using Lumen.Runtime.Loop;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>Uniform over the eligible arms (hold included), seeded.</summary>
internal sealed class RandomPolicy(int seed) : IArmPolicy
{
    private readonly Random _random = new(seed);

    public string Name => TunerPolicyNames.Random;

    public ArmPick Choose(ArmPolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Uniform(context, _random);
    }

    /// <summary>One eligible arm uniformly at random, with probability 1/(number eligible).</summary>
    public static ArmPick Uniform(ArmPolicyContext context, Random random)
    {
        var eligible = Enumerable.Range(0, context.Arms.Length).Where(i => context.Eligible[i]).ToList();
        return new ArmPick(eligible[random.Next(eligible.Count)], 1.0 / eligible.Count);
    }
}
