using Lumen.Core.Decisions.Bandit;

namespace Lumen.Core.Tests.Decisions.Bandit;

/// <summary>
/// LinUCB on a synthetic linear-reward problem with a known optimum: reward = θ_aᵀx + N(0, σ²),
/// d = 8, K = 9, everything seeded. Regret is measured against the true expected rewards.
/// </summary>
public sealed class LinUcbReplayTests
{
    private const int D = 8;
    private const int Rounds = 20_000;

    [Fact]
    public void Replay_20000Rounds_RegretFarBelowUniformAndSublinear()
    {
        var arms = Arm.ForKnobs(["k1", "k2", "k3", "k4"]);
        var problem = new Random(2024);
        var truth = Enumerable.Range(0, arms.Length).Select(_ => TestRandom.GaussianVector(problem, D)).ToArray();
        var contexts = new Random(7);
        var noise = new Random(8);
        var uniform = new Random(9);
        var model = LinUcbModel.Create(arms, D, seed: 1);
        var settings = new LinUcbSettings(Alpha: 1.0, Conservative: false);
        var scores = new ArmScore[arms.Length];
        var expected = new double[arms.Length];
        double linUcbRegret = 0, uniformRegret = 0, linUcbAt10k = 0;

        for (var t = 1; t <= Rounds; t++)
        {
            var x = TestRandom.Context(contexts, D);
            var best = double.NegativeInfinity;
            for (var a = 0; a < arms.Length; a++)
            {
                expected[a] = Dot(truth[a], x);
                best = Math.Max(best, expected[a]);
            }

            var chosen = model.SelectInto(x, settings, scores).Index;
            model.Update(chosen, x, expected[chosen] + (0.3 * TestRandom.Gaussian(noise)));
            linUcbRegret += best - expected[chosen];
            uniformRegret += best - expected[uniform.Next(arms.Length)];
            if (t == Rounds / 2)
            {
                linUcbAt10k = linUcbRegret;
            }
        }

        Assert.True(linUcbRegret < uniformRegret / 10, $"LinUCB regret {linUcbRegret:F1}, uniform {uniformRegret:F1}");
        var secondHalf = linUcbRegret - linUcbAt10k;
        Assert.True(secondHalf < 0.6 * linUcbAt10k, $"regret 10k→20k {secondHalf:F1} vs first 10k {linUcbAt10k:F1}");
    }

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }
}
