using static Lumen.Core.Decisions.DenseLinearAlgebra;

namespace Lumen.Core.Decisions.Reward;

/// <summary>
/// Closed-form ridge regression: w = (XᵀX + λI)⁻¹ Xᵀy, solved by Cholesky (XᵀX + λI is
/// symmetric positive definite for λ &gt; 0), without an explicit inverse.
/// </summary>
internal static class RidgeSolver
{
    /// <summary>Fits one weight vector on the given rows; null only if the system is numerically singular.</summary>
    public static double[]? Solve(IReadOnlyList<RewardSample> rows, int dimension, double lambda)
    {
        var d = dimension;
        var gram = new double[d * d];
        var weights = new double[d];
        foreach (var row in rows)
        {
            var x = row.Context.AsSpan();
            for (var i = 0; i < d; i++)
            {
                AddScaled(gram.AsSpan(i * d, d), x[i], x);
            }

            AddScaled(weights, row.Reward, x);
        }

        for (var i = 0; i < d; i++)
        {
            gram[(i * d) + i] += lambda;
        }

        var lower = new double[d * d];
        if (!Cholesky(gram, lower, d))
        {
            return null;
        }

        CholeskySolve(lower, weights, d);
        return weights;
    }
}
