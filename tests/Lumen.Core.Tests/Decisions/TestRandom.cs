namespace Lumen.Core.Tests.Decisions;

/// <summary>Seeded helpers for the decision tests: Gaussian draws (Box–Muller) and random contexts.</summary>
internal static class TestRandom
{
    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static double[] GaussianVector(Random random, int length, double scale = 1.0)
    {
        var v = new double[length];
        for (var i = 0; i < length; i++)
        {
            v[i] = scale * Gaussian(random);
        }

        return v;
    }

    /// <summary>A context with a constant first feature (the bias), the rest Gaussian.</summary>
    public static double[] Context(Random random, int d)
    {
        var x = GaussianVector(random, d, 1.0 / Math.Sqrt(d));
        x[0] = 1.0;
        return x;
    }

    /// <summary>M⁻¹ by Gauss–Jordan elimination with partial pivoting: a reference independent of the code under test.</summary>
    public static double[,] Invert(double[,] m)
    {
        var n = m.GetLength(0);
        var work = (double[,])m.Clone();
        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            inverse[i, i] = 1.0;
        }

        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(work[r, col]) > Math.Abs(work[pivot, col]))
                {
                    pivot = r;
                }
            }

            for (var c = 0; c < n; c++)
            {
                (work[col, c], work[pivot, c]) = (work[pivot, c], work[col, c]);
                (inverse[col, c], inverse[pivot, c]) = (inverse[pivot, c], inverse[col, c]);
            }

            var p = work[col, col];
            for (var c = 0; c < n; c++)
            {
                work[col, c] /= p;
                inverse[col, c] /= p;
            }

            for (var r = 0; r < n; r++)
            {
                if (r == col)
                {
                    continue;
                }

                var f = work[r, col];
                for (var c = 0; c < n; c++)
                {
                    work[r, c] -= f * work[col, c];
                    inverse[r, c] -= f * inverse[col, c];
                }
            }
        }

        return inverse;
    }
}
