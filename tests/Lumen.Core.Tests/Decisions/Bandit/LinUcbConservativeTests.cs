using System.Collections.Immutable;
using Lumen.Core.Decisions.Bandit;

namespace Lumen.Core.Tests.Decisions.Bandit;

public sealed class LinUcbConservativeTests
{
    private static readonly ImmutableArray<Arm> Arms = Arm.ForKnobs(["a", "b", "c", "d"]);

    [Fact]
    public void SelectInto_Conservative_NeverPicksAnArmWhoseLcbIsBelowHolds()
    {
        const int d = 6;
        var random = new Random(11);
        var truth = Enumerable.Range(0, Arms.Length).Select(_ => TestRandom.GaussianVector(random, d, 0.5)).ToArray();
        var model = LinUcbModel.Create(Arms, d, seed: 5);
        var scores = new ArmScore[Arms.Length];
        var nonHold = 0;
        for (var t = 0; t < 5_000; t++)
        {
            var x = TestRandom.Context(random, d);

            // Every fifth round explores optimistically (as a staging stage would) so the model learns.
            var conservative = t % 5 != 0;
            var choice = model.SelectInto(x, new LinUcbSettings(1.0, conservative), scores);
            if (conservative)
            {
                Assert.True(scores[choice.Index].Lcb >= scores[0].Lcb, $"round {t}: chose lcb {scores[choice.Index].Lcb} below hold's {scores[0].Lcb}");
                if (choice.Index != 0)
                {
                    Assert.True(scores[choice.Index].Lcb > scores[0].Ucb);
                    nonHold++;
                }
            }

            model.Update(choice.Index, x, Dot(truth[choice.Index], x) + (0.1 * TestRandom.Gaussian(random)));
        }

        Assert.True(nonHold > 100, $"the conservative rule should act once it is sure, acted {nonHold} times");
    }

    [Fact]
    public void SelectInto_Conservative_FreshModel_Holds()
    {
        var model = LinUcbModel.Create(Arms, 3, seed: 5);
        var decision = model.Select([1, 0, 0], new LinUcbSettings(1.0, Conservative: true));

        Assert.True(decision.Chosen.IsHold);
        Assert.Equal(1.0, decision.Probability);
        Assert.True(decision.Conservative);
    }

    [Fact]
    public void SelectInto_Conservative_ClearlyBetterArm_IsChosen()
    {
        var model = LinUcbModel.Create(Arms, 1, seed: 5);
        for (var t = 0; t < 100; t++)
        {
            model.Update(0, [1], 0.0);
            model.Update(4, [1], 0.5);
        }

        var decision = model.Select([1], new LinUcbSettings(1.0, Conservative: true));

        Assert.Equal(Arm.Decrease("b"), decision.Chosen);
        Assert.Equal(1.0, decision.Probability);
    }

    [Fact]
    public void SelectInto_Conservative_WithoutHoldArm_Throws()
    {
        var model = LinUcbModel.Create([Arm.Increase("a"), Arm.Decrease("a")], 1, seed: 5);

        Assert.Throws<InvalidOperationException>(() => model.Select([1], new LinUcbSettings(1.0, Conservative: true)));
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (p, q) => p * q).Sum();
}
