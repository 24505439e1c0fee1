using System.Collections.Immutable;
using Lumen.Core.Decisions.Tuner;

namespace Lumen.Core.Tests.Decisions.Tuner;

public sealed class TrialTunerTests
{
    private static readonly ImmutableArray<KnobAxis> Axes =
    [
        new("concurrency_limit", 4, 256, 4, true),
        new("cache_size_mb", 64, 4096, 64, true),
    ];

    private static readonly ImmutableArray<double> Context = TrialTuner.Context(0.8, Math.PI / 3);

    [Fact]
    public void Choose_ProbabilitiesAreADistributionWithAFloorOnEverySafeCandidate()
    {
        var tuner = new TrialTuner(Axes, TunerSettings.Default, seed: 7);
        // Measured around the incumbent, so its neighbours are known to be close and safe.
        for (var i = 0; i < 6; i++)
        {
            tuner.Learn([32, 512], [32, 512], Context, 0.0, 0.0004);
        }

        var choice = tuner.Choose([32, 512], Context, clamp: 0.25, maxKnobs: 2);

        Assert.Equal(1.0, choice.Probabilities.Sum(), 9);
        var safe = choice.Safe.Count(s => s);
        Assert.True(safe > 1, "some neighbour should be safe once the incumbent is well measured");
        for (var i = 0; i < choice.Candidates.Length; i++)
        {
            if (choice.Safe[i])
            {
                Assert.True(choice.Probabilities[i] >= (TunerSettings.Default.Floor / safe) - 1e-12);
            }
            else
            {
                Assert.Equal(0, choice.Probabilities[i]);
            }
        }

        Assert.True(choice.Safe[choice.Chosen]);
        Assert.Equal(choice.Probabilities[choice.Chosen], choice.Probability);
    }

    [Fact]
    public void Choose_NothingLearnt_FarMovesAreNotSafe()
    {
        var tuner = new TrialTuner(Axes, TunerSettings.Default with { LossBudget = 0.05 }, seed: 1);

        var choice = tuner.Choose([32, 512], Context, clamp: 0.25, maxKnobs: 2);

        Assert.True(choice.Safe[0]);
        Assert.Contains(choice.Safe.Skip(1), s => !s);
    }

    [Fact]
    public void Choose_SameSeedAndState_SameChoice()
    {
        var a = new TrialTuner(Axes, TunerSettings.Default, seed: 3);
        var b = new TrialTuner(Axes, TunerSettings.Default, seed: 3);
        a.Learn([32, 512], [32, 512], Context, 0.01, 0.0004);
        b.Learn([32, 512], [32, 512], Context, 0.01, 0.0004);

        var ca = a.Choose([32, 512], Context, 0.25, 2);
        var cb = b.Choose([32, 512], Context, 0.25, 2);

        Assert.Equal(ca.Chosen, cb.Chosen);
        Assert.Equal(ca.Probabilities.ToArray(), cb.Probabilities.ToArray());
        Assert.Equal(1, a.Decisions);
    }

    [Fact]
    public void Learn_ClearlyBetterTrial_IsKept_ClearlyWorse_IsNot_AHoldNever()
    {
        var tuner = new TrialTuner(Axes, TunerSettings.Default, seed: 1);
        tuner.Learn([32, 512], [32, 512], Context, 0.0, 0.0004);

        var better = tuner.Learn([40, 512], [32, 512], Context, 0.2, 0.0004);
        var worse = tuner.Learn([32, 384], [32, 512], Context, -0.2, 0.0004);
        var hold = tuner.Learn([32, 512], [32, 512], Context, 0.5, 0.0004);

        Assert.True(better.Keep);
        Assert.True(better.Gain > 0.1 && better.ProbabilityBetter > 0.99);
        Assert.False(worse.Keep);
        Assert.True(worse.Gain < 0);
        Assert.False(hold.Keep);
    }

    [Fact]
    public void Learn_NoisyTinyGain_IsNotKept()
    {
        var tuner = new TrialTuner(Axes, TunerSettings.Default, seed: 1);
        tuner.Learn([32, 512], [32, 512], Context, 0.0, 0.01);

        var judgement = tuner.Learn([40, 512], [32, 512], Context, 0.02, 0.01);

        Assert.False(judgement.Keep);
    }

    [Fact]
    public void Learn_BetterHereButWorseAtThePeak_IsNotKept()
    {
        var night = TrialTuner.Context(0.2, Math.PI);
        var peak = TrialTuner.Context(1.2, 0);
        var withPeak = new TrialTuner(Axes, TunerSettings.Default, seed: 1);
        var peakFine = new TrialTuner(Axes, TunerSettings.Default, seed: 1);
        foreach (var tuner in new[] { withPeak, peakFine })
        {
            tuner.Learn([32, 512], [32, 512], night, 0.0, 0.0004);
            tuner.Learn([32, 512], [32, 512], peak, 0.0, 0.0004);
        }

        // At the peak the smaller pool was measured far worse for one, as good for the other.
        withPeak.Learn([24, 512], [32, 512], peak, -0.6, 0.0004);
        peakFine.Learn([24, 512], [32, 512], peak, 0.0, 0.0004);

        var judged = withPeak.Learn([24, 512], [32, 512], night, 0.2, 0.0004);
        var control = peakFine.Learn([24, 512], [32, 512], night, 0.2, 0.0004);

        Assert.True(judged.Gain > 0.1, "better at night");
        Assert.False(judged.Keep);
        Assert.True(control.Keep);
    }
}
