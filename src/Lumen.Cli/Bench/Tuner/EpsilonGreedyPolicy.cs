using Lumen.Runtime.Loop;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>
/// ε-greedy on the same per-arm ridge regressions LinUCB keeps (θᵀx without the confidence
/// bonus): with probability ε a uniformly random eligible arm, otherwise the eligible arm with the
/// highest estimated mean (the first on ties, i.e. hold when nothing is learnt yet). Sutton &amp;
/// Barto, "Reinforcement Learning", §2.2.
/// </summary>
internal sealed class EpsilonGreedyPolicy(int seed, double epsilon) : IArmPolicy
{
    private readonly Random _random = new(seed);

    public string Name => TunerPolicyNames.EpsilonGreedy;

    public ArmPick Choose(ArmPolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var eligible = Enumerable.Range(0, context.Arms.Length).Where(i => context.Eligible[i]).ToList();
        var greedy = eligible.MaxBy(i => context.Means[i]);
        if (_random.NextDouble() < epsilon)
        {
            var pick = RandomPolicy.Uniform(context, _random);
            return pick with { Probability = (epsilon / eligible.Count) + (pick.Index == greedy ? 1 - epsilon : 0) };
        }

        return new ArmPick(greedy, 1 - epsilon + (epsilon / eligible.Count));
    }
}
