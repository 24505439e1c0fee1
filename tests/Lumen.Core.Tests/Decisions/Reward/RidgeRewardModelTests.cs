using System.Collections.Immutable;
using Lumen.Core.Decisions.Bandit;
using Lumen.Core.Decisions.Reward;

namespace Lumen.Core.Tests.Decisions.Reward;

public sealed class RidgeRewardModelTests
{
    private static readonly Arm Up = Arm.Increase("concurrency_limit");
    private static readonly Arm Down = Arm.Decrease("concurrency_limit");

    private static readonly double[] UpWeights = [0.1, -0.5, 0.25, 2.0];
    private static readonly double[] DownWeights = [-0.2, 0.3, 0.0, -1.0];

    private static List<RewardSample> Samples(int count, double noise, int seed)
    {
        var random = new Random(seed);
        var samples = new List<RewardSample>();
        for (var i = 0; i < count; i++)
        {
            var x = TestRandom.Context(random, 4);
            var arm = i % 3 == 0 ? Down : Up;
            var w = arm == Up ? UpWeights : DownWeights;
            var r = x.Zip(w, (a, b) => a * b).Sum() + (noise * TestRandom.Gaussian(random));
            samples.Add(new RewardSample([.. x], arm, r));
        }

        return samples;
    }

    [Fact]
    public void Fit_NoiselessData_RecoversKnownWeights()
    {
        var model = RidgeRewardModel.Fit(Samples(500, noise: 0, seed: 1), 4, lambda: 1e-9);

        var up = model.Arms.Single(a => a.Arm == Up.Key);
        var down = model.Arms.Single(a => a.Arm == Down.Key);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(UpWeights[i], up.Weights[i], 7);
            Assert.Equal(DownWeights[i], down.Weights[i], 7);
        }

        Assert.NotNull(model.HeldOut);
        Assert.Equal(100, model.HeldOut.Count);
        Assert.True(model.HeldOut.Rmse < 1e-6, $"rmse {model.HeldOut.Rmse}");
        Assert.True(model.HeldOut.R2 > 0.999999);
    }

    [Fact]
    public void Fit_NoisyData_ReportsHeldOutErrorNearTheNoise()
    {
        var model = RidgeRewardModel.Fit(Samples(5_000, noise: 0.1, seed: 2), 4, lambda: 1.0);

        Assert.NotNull(model.HeldOut);
        Assert.Equal(1_000, model.HeldOut.Count);
        Assert.InRange(model.HeldOut.Rmse, 0.09, 0.11);
        Assert.InRange(model.HeldOut.R2!.Value, 0.5, 1.0);
    }

    [Fact]
    public void Fit_LargerPenalty_ShrinksWeights()
    {
        var samples = Samples(50, 0, 3);
        var loose = RidgeRewardModel.Fit(samples, 4, 1e-6).Arms.Single(a => a.Arm == Up.Key).Weights;
        var tight = RidgeRewardModel.Fit(samples, 4, 100).Arms.Single(a => a.Arm == Up.Key).Weights;

        Assert.True(Norm(tight) < Norm(loose));
    }

    [Fact]
    public void Predict_KnownArm_IsDotProduct_UnknownArm_IsNull()
    {
        var model = RidgeRewardModel.Fit(Samples(500, 0, 4), 4, 1e-9);
        double[] x = [1, 0.5, -0.5, 0.25];

        Assert.Equal(0.1 - 0.25 - 0.125 + 0.5, model.Predict(x, Up)!.Value, 6);
        Assert.Null(model.Predict(x, Arm.Hold));
    }

    [Fact]
    public void Fit_TooFewSamplesToHoldOut_HasNoHeldOutError()
    {
        var model = RidgeRewardModel.Fit(Samples(4, 0, 5), 4, 1.0);

        Assert.Null(model.HeldOut);
        Assert.Equal(4, model.Samples);
    }

    [Fact]
    public void ToJson_FromJson_RoundTripsBitExact()
    {
        var model = RidgeRewardModel.Fit(Samples(1_000, 0.2, 6), 4, 0.5);

        var json = model.ToJson();
        var loaded = RidgeRewardModel.FromJson(json);

        Assert.True(loaded.IsOk, loaded.Error);
        Assert.Equal(json, loaded.Value.ToJson());
        Assert.Equal(model.HeldOut, loaded.Value.HeldOut);
        for (var a = 0; a < model.Arms.Length; a++)
        {
            Assert.Equal(
                model.Arms[a].Weights.Select(BitConverter.DoubleToInt64Bits),
                loaded.Value.Arms[a].Weights.Select(BitConverter.DoubleToInt64Bits));
        }

        Assert.StartsWith("{\"format\":\"lumen.reward_model.ridge\",\"version\":1,", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_WrongVersion_FailsWithReason()
    {
        var json = RidgeRewardModel.Fit(Samples(10, 0, 7), 4, 1).ToJson().Replace("\"version\":1", "\"version\":9", StringComparison.Ordinal);

        var result = RidgeRewardModel.FromJson(json);

        Assert.False(result.IsOk);
        Assert.Contains("version 9", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_SampleWithWrongDimension_Throws()
    {
        var samples = new List<RewardSample> { new([1.0, 2.0], Up, 0.1) };

        Assert.Throws<ArgumentException>(() => RidgeRewardModel.Fit(samples, 4, 1.0));
    }

    private static double Norm(ImmutableArray<double> w) => Math.Sqrt(w.Sum(v => v * v));
}
