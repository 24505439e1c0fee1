namespace Lumen.Core.Decisions.Reward;

/// <summary>
/// The reward arithmetic of docs/bandit.md, as pure helpers:
/// <c>r_obs = health_after − health_before − cost(change)</c>, <c>cost = cost_weight·|Δknob|</c>,
/// and the learning signal <c>r = (1 − λ)·r_obs + λ·r̂(x, a)</c>.
/// </summary>
public static class RewardSignal
{
    /// <summary>The cost of moving a knob by <paramref name="delta"/> (in the knob's units).</summary>
    public static double Cost(double costWeight, double delta)
    {
        RequireFinite(costWeight, nameof(costWeight));
        RequireFinite(delta, nameof(delta));
        if (costWeight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(costWeight), costWeight, "cost_weight must be ≥ 0.");
        }

        return costWeight * Math.Abs(delta);
    }

    /// <summary>The observed reward of an action (health ∈ [0, 1], so r_obs ∈ [−1 − cost, 1]).</summary>
    public static double Observed(double healthBefore, double healthAfter, double cost)
    {
        RequireFinite(healthBefore, nameof(healthBefore));
        RequireFinite(healthAfter, nameof(healthAfter));
        RequireFinite(cost, nameof(cost));
        return healthAfter - healthBefore - cost;
    }

    /// <summary>
    /// The learning signal. <paramref name="predicted"/> is r̂(x, a), or null when there is no
    /// reward model (or it knows nothing of this arm): then λ acts as 0 and the signal is r_obs.
    /// </summary>
    public static double Mix(double observed, double lambda, double? predicted)
    {
        RequireFinite(observed, nameof(observed));
        if (!(lambda >= 0 && lambda <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "reward_mix_lambda must be in [0, 1].");
        }

        if (predicted is not { } p)
        {
            return observed;
        }

        RequireFinite(p, nameof(predicted));
        return ((1 - lambda) * observed) + (lambda * p);
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be finite.");
        }
    }
}
