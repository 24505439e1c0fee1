using System.Collections.Immutable;
using Lumen.Core.Decisions.Bandit;

namespace Lumen.Core.Tests.Decisions.Bandit;

public sealed class LinUcbModelTests
{
    private static readonly ImmutableArray<Arm> FourKnobArms = Arm.ForKnobs(["concurrency_limit", "cache_size_mb", "timeout_ms", "batch_size"]);

    [Theory]
    [InlineData(0)]      // Sherman–Morrison alone, never recomputed
    [InlineData(1000)]   // with the periodic exact re-computation
    public void Update_After10000Updates_InverseMatchesDirectSolve(int recomputeEvery)
    {
        const int d = 16;
        var random = new Random(42);
        var model = LinUcbModel.Create(Arm.ForKnobs(["k"]), d, seed: 1, recomputeEvery: recomputeEvery);
        var expectedA = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            expectedA[i, i] = 1.0;
        }

        var expectedB = new double[d];
        for (var t = 0; t < 10_000; t++)
        {
            var x = TestRandom.GaussianVector(random, d);
            var r = TestRandom.Gaussian(random);
            model.Update(0, x, r);
            for (var i = 0; i < d; i++)
            {
                expectedB[i] += r * x[i];
            }

            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    expectedA[i, j] += x[i] * x[j];
                }
            }
        }

        var direct = TestRandom.Invert(expectedA);
        var inverse = model.Inverse(0);
        double diff = 0, norm = 0;
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                diff += Math.Pow(inverse[(i * d) + j] - direct[i, j], 2);
                norm += direct[i, j] * direct[i, j];
            }
        }

        var relativeError = Math.Sqrt(diff / norm);
        Assert.True(relativeError < 1e-8, $"relative Frobenius error {relativeError:E3}");

        // θ, updated recursively, against the direct solve θ = A⁻¹b.
        double thetaDiff = 0, thetaNorm = 0;
        for (var i = 0; i < d; i++)
        {
            var directTheta = 0.0;
            for (var j = 0; j < d; j++)
            {
                directTheta += direct[i, j] * expectedB[j];
            }

            thetaDiff += Math.Pow(model.Theta(0)[i] - directTheta, 2);
            thetaNorm += directTheta * directTheta;
        }

        Assert.True(Math.Sqrt(thetaDiff / thetaNorm) < 1e-8, $"θ relative error {Math.Sqrt(thetaDiff / thetaNorm):E3}");
        Assert.Equal(10_000, model.UpdatesOf(0));
    }

    [Fact]
    public void Update_ThetaIsInverseTimesRewardSums()
    {
        const int d = 4;
        var model = LinUcbModel.Create(Arm.ForKnobs(["k"]), d, seed: 1);
        model.Update(1, [1, 0, 0, 0], 2.0);
        model.Update(1, [1, 0, 0, 0], 2.0);

        // A = I + 2·e0e0ᵀ, b = 4·e0 → θ0 = 4/3.
        Assert.Equal(4.0 / 3.0, model.Theta(1)[0], 12);
        Assert.Equal(0.0, model.Theta(0)[0]);
    }

    [Fact]
    public void SelectInto_FreshModel_AllArmsTieAndProbabilityIsOneOverK()
    {
        var model = LinUcbModel.Create(FourKnobArms, 8, seed: 7);
        var scores = new ArmScore[FourKnobArms.Length];
        var x = new double[] { 1, 0.2, -0.1, 0.3, 0, 0, 0.5, -0.4 };

        var choice = model.SelectInto(x, new LinUcbSettings(1.0, Conservative: false), scores);

        Assert.Equal(9, choice.Tied);
        Assert.Equal(1.0 / 9, choice.Probability, 15);
        var width = Math.Sqrt(x.Sum(v => v * v));
        Assert.All(scores, s => Assert.Equal(width, s.Width, 12));
        Assert.All(scores, s => Assert.Equal(s.Mean + s.Width, s.Ucb));
        Assert.All(scores, s => Assert.Equal(s.Mean - s.Width, s.Lcb));
        Assert.Equal(1, model.Decisions);
    }

    [Fact]
    public void Select_SameSeed_SameTieBreaks_OtherSeed_Differs()
    {
        var x = new double[] { 1, 0, 0, 0 };
        var settings = new LinUcbSettings(1.0, false);
        int[] Run(ulong seed)
        {
            var model = LinUcbModel.Create(FourKnobArms, 4, seed);
            return Enumerable.Range(0, 40).Select(_ => model.Select(x, settings).ChosenIndex).ToArray();
        }

        Assert.Equal(Run(3), Run(3));
        Assert.NotEqual(Run(3), Run(4));
        Assert.True(Run(3).Distinct().Count() > 3, "ties should spread over the arms");
    }

    [Fact]
    public void Select_LearnedBestArm_IsChosenWithProbabilityOne()
    {
        var model = LinUcbModel.Create(FourKnobArms, 2, seed: 1);
        var x = new double[] { 1, 0.5 };
        for (var t = 0; t < 200; t++)
        {
            for (var arm = 0; arm < FourKnobArms.Length; arm++)
            {
                model.Update(arm, x, arm == 3 ? 1.0 : 0.0);
            }
        }

        var decision = model.Select(x, new LinUcbSettings(0.5, false));

        Assert.Equal(3, decision.ChosenIndex);
        Assert.Equal(Arm.Increase("cache_size_mb"), decision.Chosen);
        Assert.Equal(1.0, decision.Probability);
        Assert.Equal(FourKnobArms.Length, decision.Scores.Length);
    }

    [Fact]
    public void Select_WrongContextLength_Throws()
    {
        var model = LinUcbModel.Create(FourKnobArms, 4, seed: 1);

        Assert.Throws<ArgumentException>(() => model.Select(new double[3], new LinUcbSettings(1, false)));
        Assert.Throws<ArgumentException>(() => model.Update(0, [1, double.NaN, 0, 0], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Select(new double[4], new LinUcbSettings(-1, false)));
    }

    [Fact]
    public void ArmForKnobs_HoldFirstThenIncreaseDecreasePerKnob()
    {
        Assert.Equal(["hold", "concurrency_limit:increase", "concurrency_limit:decrease", "cache_size_mb:increase"],
            FourKnobArms.Take(4).Select(a => a.Key));
        Assert.Equal(9, FourKnobArms.Length);
    }
}
