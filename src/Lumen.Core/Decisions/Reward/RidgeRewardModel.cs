using System.Collections.Immutable;
using System.Text.Json;
using Lumen.Core.Decisions.Bandit;
using Lumen.Core.Json;

namespace Lumen.Core.Decisions.Reward;

/// <summary>
/// The reward model r̂(x, a) (docs/bandit.md): one ridge regression per arm on logged (x, a, r),
/// r̂ = w_aᵀx, fitted in closed form. The record is also its saved form (versioned JSON,
/// bit-exact round trip). Build it with <see cref="Fit"/>.
/// </summary>
public sealed record RidgeRewardModel(
    string Format,
    int Version,
    int Dimension,
    double Lambda,
    double HoldoutFraction,
    int Samples,
    HeldOutError? HeldOut,
    ImmutableArray<RidgeArmWeights> Arms)
{
    public const string FormatName = "lumen.reward_model.ridge";
    public const int CurrentVersion = 1;
    public const double DefaultHoldoutFraction = 0.2;

    /// <summary>
    /// Fits the model. The last <paramref name="holdoutFraction"/> of the samples (in log order,
    /// so the test is "predict the future from the past") is held out to measure the error; the
    /// model returned is then refitted on all samples. <paramref name="lambda"/> &gt; 0 is the
    /// ridge penalty (it also shrinks the intercept when x carries a constant feature).
    /// </summary>
    public static RidgeRewardModel Fit(
        IReadOnlyList<RewardSample> samples, int dimension, double lambda, double holdoutFraction = DefaultHoldoutFraction)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (!(lambda > 0) || !double.IsFinite(lambda))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "The ridge penalty must be a finite number > 0.");
        }

        if (!(holdoutFraction >= 0 && holdoutFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutFraction), holdoutFraction, "The held-out fraction must be in [0, 1).");
        }

        foreach (var sample in samples)
        {
            if (sample.Context.IsDefault || sample.Context.Length != dimension || !double.IsFinite(sample.Reward)
                || sample.Context.Any(v => !double.IsFinite(v)))
            {
                throw new ArgumentException($"Every sample needs {dimension} finite features and a finite reward.", nameof(samples));
            }
        }

        var testCount = (int)Math.Floor(samples.Count * holdoutFraction);
        HeldOutError? heldOut = null;
        if (testCount >= 1 && samples.Count - testCount >= 1)
        {
            var train = samples.Take(samples.Count - testCount).ToList();
            var trained = FitArms(train, dimension, lambda);
            heldOut = Evaluate(trained, samples.Skip(samples.Count - testCount).ToList());
        }

        return new RidgeRewardModel(
            FormatName, CurrentVersion, dimension, lambda, holdoutFraction, samples.Count, heldOut, FitArms(samples, dimension, lambda));
    }

    /// <summary>r̂(x, a), or null when the model has never seen arm a (then λ acts as 0).</summary>
    public double? Predict(ReadOnlySpan<double> x, Arm arm)
    {
        if (x.Length != Dimension)
        {
            throw new ArgumentException($"The context has {x.Length} features; the model expects {Dimension}.", nameof(x));
        }

        var key = arm.Key;
        foreach (var weights in Arms)
        {
            if (weights.Arm == key)
            {
                return DenseLinearAlgebra.Dot(weights.Weights.AsSpan(), x);
            }
        }

        return null;
    }

    public string ToJson() => JsonSerializer.Serialize(this, DecisionJson.Options.TypeInfo<RidgeRewardModel>());

    public static ModelLoadResult<RidgeRewardModel> FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        RidgeRewardModel? model;
        try
        {
            model = JsonSerializer.Deserialize(json, DecisionJson.Options.TypeInfo<RidgeRewardModel>());
        }
        catch (JsonException e)
        {
            return ModelLoadResult<RidgeRewardModel>.Fail($"not a reward model: {e.Message}");
        }

        if (model is null || model.Format != FormatName)
        {
            return ModelLoadResult<RidgeRewardModel>.Fail($"not a reward model: format is '{model?.Format}', expected '{FormatName}'");
        }

        if (model.Version != CurrentVersion)
        {
            return ModelLoadResult<RidgeRewardModel>.Fail($"version {model.Version} is not supported (this build reads version {CurrentVersion})");
        }

        if (model.Dimension < 1 || model.Arms.IsDefault
            || model.Arms.Any(a => a.Weights.IsDefault || a.Weights.Length != model.Dimension || a.Weights.Any(w => !double.IsFinite(w))))
        {
            return ModelLoadResult<RidgeRewardModel>.Fail("the weights do not match the model's dimension or are not finite");
        }

        return ModelLoadResult<RidgeRewardModel>.Ok(model);
    }

    private static ImmutableArray<RidgeArmWeights> FitArms(IReadOnlyList<RewardSample> samples, int dimension, double lambda)
    {
        // Arms in ordinal key order, so the same log always gives the same file.
        var byArm = samples.GroupBy(s => s.Arm).OrderBy(g => g.Key.Key, StringComparer.Ordinal);
        var arms = ImmutableArray.CreateBuilder<RidgeArmWeights>();
        foreach (var group in byArm)
        {
            var rows = group.ToList();
            var weights = RidgeSolver.Solve(rows, dimension, lambda)
                ?? throw new InvalidOperationException($"The ridge system of arm '{group.Key.Key}' is singular; the features are not finite-scaled.");
            arms.Add(new RidgeArmWeights(group.Key.Key, group.Key.Knob, group.Key.Direction, rows.Count, [.. weights]));
        }

        return arms.ToImmutable();
    }

    private static HeldOutError Evaluate(ImmutableArray<RidgeArmWeights> arms, List<RewardSample> test)
    {
        var sse = 0.0;
        var mean = test.Average(s => s.Reward);
        var sst = 0.0;
        foreach (var sample in test)
        {
            // An arm the training part never saw predicts the ridge prior, 0.
            var weights = arms.FirstOrDefault(a => a.Arm == sample.Arm.Key);
            var predicted = weights is null ? 0.0 : DenseLinearAlgebra.Dot(weights.Weights.AsSpan(), sample.Context.AsSpan());
            sse += (sample.Reward - predicted) * (sample.Reward - predicted);
            sst += (sample.Reward - mean) * (sample.Reward - mean);
        }

        return new HeldOutError(test.Count, Math.Sqrt(sse / test.Count), sst > 0 ? 1 - (sse / sst) : null);
    }
}
