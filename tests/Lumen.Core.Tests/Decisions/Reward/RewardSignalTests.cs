using Lumen.Core.Decisions.Reward;

namespace Lumen.Core.Tests.Decisions.Reward;

public sealed class RewardSignalTests
{
    [Fact]
    public void Cost_IsWeightTimesAbsoluteChange()
    {
        Assert.Equal(0.002, RewardSignal.Cost(0.0005, -4), 15);
        Assert.Equal(0.002, RewardSignal.Cost(0.0005, 4), 15);
        Assert.Equal(0.0, RewardSignal.Cost(0.0005, 0));
    }

    [Fact]
    public void Observed_IsHealthGainMinusCost()
    {
        Assert.Equal(0.9 - 0.7 - 0.002, RewardSignal.Observed(healthBefore: 0.7, healthAfter: 0.9, cost: 0.002), 15);
        Assert.Equal(-0.5, RewardSignal.Observed(1.0, 0.5, 0.0));
    }

    [Fact]
    public void Mix_WithModel_IsConvexCombination()
    {
        // r = (1 − 0.3)·0.2 + 0.3·(−0.4) = 0.14 − 0.12 = 0.02
        Assert.Equal(0.02, RewardSignal.Mix(0.2, 0.3, -0.4), 15);
        Assert.Equal(0.2, RewardSignal.Mix(0.2, 0.0, -0.4));
        Assert.Equal(-0.4, RewardSignal.Mix(0.2, 1.0, -0.4));
    }

    [Fact]
    public void Mix_WithoutModel_LambdaActsAsZero()
    {
        Assert.Equal(0.2, RewardSignal.Mix(0.2, 0.7, predicted: null));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Mix_LambdaOutsideUnitInterval_Throws(double lambda)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardSignal.Mix(0.2, lambda, 0.1));
    }

    [Fact]
    public void Cost_NegativeWeight_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardSignal.Cost(-1, 1));
    }
}
