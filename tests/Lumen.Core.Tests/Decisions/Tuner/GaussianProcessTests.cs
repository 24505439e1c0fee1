using Lumen.Core.Decisions.Tuner;

namespace Lumen.Core.Tests.Decisions.Tuner;

public sealed class GaussianProcessTests
{
    private static readonly TunerSettings Settings = new() { SignalSd = 0.5, KnobLengthScale = 0.2, ContextLengthScale = 0.7, Nugget = 0, NoiseFloor = 1e-6 };

    [Fact]
    public void Posterior_NoObservations_IsThePrior()
    {
        var gp = new GaussianProcess(1, 1, Settings);
        var mean = new double[2];
        var cov = new double[4];

        gp.Posterior([0.1, 0.0, 0.4, 0.0], 2, mean, cov);

        Assert.Equal([0.0, 0.0], mean);
        Assert.Equal(0.25, cov[0], 12);
        Assert.Equal(0.25 * Math.Exp(-(0.3 * 0.3) / (2 * 0.04)), cov[1], 12);
    }

    [Fact]
    public void Posterior_OneObservation_MatchesTheClosedForm()
    {
        var gp = new GaussianProcess(1, 1, Settings);
        gp.Add([0.5, 0.0], 0.3, 0.01);
        var mean = new double[1];
        var cov = new double[1];

        gp.Posterior([0.6, 0.2], 1, mean, cov);

        // k(z, z0) = s² exp(−0.1²/(2·0.2²) − 0.2²/(2·0.7²)); mean = k·y/(s² + v); var = s² − k²/(s² + v).
        var k = 0.25 * Math.Exp((-0.01 / 0.08) - (0.04 / 0.98));
        Assert.Equal(k * 0.3 / 0.26, mean[0], 12);
        Assert.Equal(0.25 - (k * k / 0.26), cov[0], 12);
    }

    [Fact]
    public void Posterior_TwoObservations_MatchesTheTwoByTwoInverse()
    {
        var gp = new GaussianProcess(1, 0, Settings);
        gp.Add([0.2], 1.0, 0.04);
        gp.Add([0.4], -0.5, 0.09);
        var mean = new double[1];
        var cov = new double[1];

        gp.Posterior([0.3], 1, mean, cov);

        double K(double a, double b) => 0.25 * Math.Exp(-((a - b) * (a - b)) / 0.08);
        double a11 = K(0.2, 0.2) + 0.04, a12 = K(0.2, 0.4), a22 = K(0.4, 0.4) + 0.09;
        var det = (a11 * a22) - (a12 * a12);
        double i11 = a22 / det, i12 = -a12 / det, i22 = a11 / det;
        double k1 = K(0.3, 0.2), k2 = K(0.3, 0.4);
        var expectedMean = (k1 * ((i11 * 1.0) + (i12 * -0.5))) + (k2 * ((i12 * 1.0) + (i22 * -0.5)));
        var expectedVar = K(0.3, 0.3) - ((k1 * k1 * i11) + (2 * k1 * k2 * i12) + (k2 * k2 * i22));
        Assert.Equal(expectedMean, mean[0], 10);
        Assert.Equal(expectedVar, cov[0], 10);
    }

    /// <summary>
    /// After every add, filling the window and wrapping the ring twice: the posterior at a few points
    /// equals a dense solve of the same observations (K + diag(noise + nugget), Gaussian elimination),
    /// so every entry of the model's stored matrices is where its reads expect it.
    /// </summary>
    [Fact]
    public void Posterior_ManyObservationsAcrossTheRing_MatchesADenseSolve()
    {
        var settings = Settings with { Window = 9, Nugget = 1e-3 };
        var gp = new GaussianProcess(2, 1, settings);
        var random = new Random(7);
        double[] points = [0.2, 0.5, 0.1, 0.8, 0.3, 0.6, 0.45, 0.45, 0.9];
        var mean = new double[3];
        var cov = new double[9];
        for (var added = 0; added < 27; added++)
        {
            gp.Add([random.NextDouble(), random.NextDouble(), random.NextDouble()], random.NextDouble() - 0.5, 0.001 + (0.01 * random.NextDouble()));
            gp.Posterior(points, 3, mean, cov);

            var held = gp.Observations().ToList();
            var n = held.Count;
            var a = new double[n, n + 1 + 3];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    a[i, j] = gp.Kernel(held[i].Z, held[j].Z) + (i == j ? held[i].Noise + settings.Nugget : 0);
                }

                a[i, n] = held[i].Y;
                for (var p = 0; p < 3; p++)
                {
                    a[i, n + 1 + p] = gp.Kernel(held[i].Z, points.AsSpan(p * 3, 3));
                }
            }

            Solve(a, n, 4);
            for (var p = 0; p < 3; p++)
            {
                var point = points.AsSpan(p * 3, 3);
                double expectedMean = 0, explained = 0;
                for (var i = 0; i < n; i++)
                {
                    var k = gp.Kernel(held[i].Z, point);
                    expectedMean += k * a[i, n];
                    explained += k * a[i, n + 1 + p];
                }

                Assert.Equal(expectedMean, mean[p], 9);
                Assert.Equal(gp.Kernel(point, point) - explained, cov[(p * 3) + p], 9);
            }
        }

        Assert.Equal(9, gp.Count);
    }

    /// <summary>Gauss–Jordan elimination with partial pivoting: the first n columns become the identity, the next <paramref name="rhs"/> the solutions.</summary>
    private static void Solve(double[,] a, int n, int rhs)
    {
        for (var c = 0; c < n; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < n; r++)
            {
                pivot = Math.Abs(a[r, c]) > Math.Abs(a[pivot, c]) ? r : pivot;
            }

            for (var k = 0; k < n + rhs; k++)
            {
                (a[c, k], a[pivot, k]) = (a[pivot, k], a[c, k]);
            }

            for (var r = 0; r < n; r++)
            {
                if (r == c)
                {
                    continue;
                }

                var f = a[r, c] / a[c, c];
                for (var k = c; k < n + rhs; k++)
                {
                    a[r, k] -= f * a[c, k];
                }
            }
        }

        for (var r = 0; r < n; r++)
        {
            for (var k = n; k < n + rhs; k++)
            {
                a[r, k] /= a[r, r];
            }
        }
    }

    [Fact]
    public void Add_BeyondTheWindow_ForgetsTheOldest()
    {
        var gp = new GaussianProcess(1, 0, Settings with { Window = 2 });
        gp.Add([0.1], 1, 0.01);
        gp.Add([0.2], 2, 0.01);
        gp.Add([0.3], 3, 0.01);

        var kept = gp.Observations().Select(o => o.Y).ToList();

        Assert.Equal([2.0, 3.0], kept);
        Assert.Equal(3, gp.Added);
    }

    [Fact]
    public void Add_WrongDimensionOrNonFinite_Throws()
    {
        var gp = new GaussianProcess(2, 1, Settings);

        Assert.Throws<ArgumentException>(() => gp.Add([0.1, 0.2], 1, 0.01));
        Assert.Throws<ArgumentException>(() => gp.Add([0.1, 0.2, 0.3], double.NaN, 0.01));
    }
}
