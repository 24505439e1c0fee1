using Lumen.Core.Canary;

namespace Lumen.Core.Tests.Canary;

public sealed class BernoulliMixtureTests
{
    [Fact]
    public void RatioAbove_EvenSplitThreeCanaryOneBaselineEvent_IsTheHandComputedBetaMixture()
    {
        // ρ0 = 1 → q0 = ½; at an even split the event bias is q. Uniform prior on (½, 1):
        // E = 2∫_{½}^{1} q³(1−q) dq / ½⁴ = 2·(1/20 − (1/64 − 1/160))·16 = 1.3 exactly.
        var mixture = BernoulliMixture.RatioAbove(1.0);
        mixture.ObserveEvents(3, 1, 1000, 1000);
        Assert.Equal(1.3, mixture.E, 12);
    }

    [Fact]
    public void RatioBelow_EvenSplit_MatchesTheClosedFormOverTheLowerHalf()
    {
        // E = 2∫_0^{½} q(1−q)⁴ dq / ½⁵, with the antiderivative −(1−q)⁵/5 + (1−q)⁶/6.
        static double Antiderivative(double q) => (-Math.Pow(1 - q, 5) / 5) + (Math.Pow(1 - q, 6) / 6);
        var integral = Antiderivative(0.5) - Antiderivative(0);
        var expected = 2 * integral / Math.Pow(0.5, 5);
        var mixture = BernoulliMixture.RatioBelow(1.0);
        mixture.ObserveEvents(1, 4, 500, 500);
        Assert.Equal(expected, mixture.E, 12);
    }

    [Fact]
    public void OneSampleAbove_SplitIntoBatches_EqualsTheBetaBinomialClosedForm()
    {
        // p0 = 0.2, uniform prior on (0.2, 1), 5 hits in 7 trials given in two batches:
        // E = (1/0.8)∫_{0.2}^{1} p⁵(1−p)² dp / (0.2⁵·0.8²), a polynomial integral done exactly here.
        static double Antiderivative(double p) => (Math.Pow(p, 6) / 6) - (2 * Math.Pow(p, 7) / 7) + (Math.Pow(p, 8) / 8);
        var expected = (Antiderivative(1) - Antiderivative(0.2)) / 0.8 / (Math.Pow(0.2, 5) * Math.Pow(0.8, 2));
        var mixture = BernoulliMixture.OneSampleAbove(0.2);
        mixture.Observe(3, 4);
        mixture.Observe(2, 3);
        Assert.Equal(expected, mixture.E, 9);
        Assert.Equal(7, mixture.Trials);
    }

    [Fact]
    public void RatioAbove_UnevenSplit_UsesTheSplitAdjustedNull()
    {
        // With a 20 % canary split and equal rates, the canary's share of events is 0.2: a canary that
        // takes exactly its share must not build evidence of being worse.
        var mixture = BernoulliMixture.RatioAbove(1.0);
        for (var i = 0; i < 50; i++)
        {
            mixture.ObserveEvents(20, 80, 200, 800);
        }

        Assert.True(mixture.E < 0.2, $"e = {mixture.E}");
    }

    [Fact]
    public void ObserveEvents_NoEvents_LeavesTheEValueAtOne()
    {
        var mixture = BernoulliMixture.RatioAbove(1.5);
        mixture.ObserveEvents(0, 0, 1000, 4000);
        Assert.Equal(1.0, mixture.E, 12);
        Assert.Equal(0, mixture.Trials);
    }
}
