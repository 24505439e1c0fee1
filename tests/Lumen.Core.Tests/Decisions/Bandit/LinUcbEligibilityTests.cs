using Lumen.Core.Decisions.Bandit;

namespace Lumen.Core.Tests.Decisions.Bandit;

public sealed class LinUcbEligibilityTests
{
    [Fact]
    public void Select_WithMask_NeverChoosesAnIneligibleArm()
    {
        var model = LinUcbModel.Create(Arm.ForKnobs(["a", "b"]), dimension: 3, seed: 7);
        bool[] eligible = [false, false, false, true, false]; // hold is eligible even when unmarked
        for (var i = 0; i < 200; i++)
        {
            var decision = model.Select([1.0, 0.5, 0.2], new LinUcbSettings(1.0, Conservative: false), eligible);
            Assert.Contains(decision.ChosenIndex, new[] { 0, 3 });
            Assert.Equal(0.5, decision.Probability);
        }
    }

    [Fact]
    public void Select_BestArmIneligible_ChoosesTheBestEligible()
    {
        var model = LinUcbModel.Create(Arm.ForKnobs(["a"]), dimension: 2, seed: 1);
        double[] x = [1.0, 1.0];
        model.Update(0, x, 0.0);
        model.Update(1, x, 1.0); // a:increase is best
        model.Update(2, x, 0.5);

        var decision = model.Select(x, new LinUcbSettings(0.0, Conservative: false), [true, false, true]);

        Assert.Equal("a:decrease", decision.Chosen.Key);
    }
}
