using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lumen.Core.Decisions;

/// <summary>
/// The few dense kernels the bandit and the reward model need, over row-major square matrices
/// held in spans. Allocation-free: callers pass every buffer. Vectorised with
/// <see cref="Vector{T}"/>, so results are deterministic on one machine but may differ in the last
/// bits between machines with different vector widths.
/// </summary>
internal static class DenseLinearAlgebra
{
    /// <summary>Σ a[i]·b[i] over a's length (b must be at least as long).</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n = a.Length;
        if (b.Length < n)
        {
            throw new ArgumentException("The second vector is shorter than the first.", nameof(b));
        }

        // Hot path of the bandit: unchecked index arithmetic, no bounds checks, two accumulators.
        unchecked
        {
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            var i = 0;
            var sum = 0.0;
            if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
            {
                var w = Vector<double>.Count;
                var acc0 = Vector<double>.Zero;
                var acc1 = Vector<double>.Zero;
                for (; i <= n - (2 * w); i += 2 * w)
                {
                    acc0 += Vector.LoadUnsafe(ref ra, (nuint)i) * Vector.LoadUnsafe(ref rb, (nuint)i);
                    acc1 += Vector.LoadUnsafe(ref ra, (nuint)(i + w)) * Vector.LoadUnsafe(ref rb, (nuint)(i + w));
                }

                for (; i <= n - w; i += w)
                {
                    acc0 += Vector.LoadUnsafe(ref ra, (nuint)i) * Vector.LoadUnsafe(ref rb, (nuint)i);
                }

                sum = Vector.Sum(acc0 + acc1);
            }

            for (; i < n; i++)
            {
                sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
            }

            return sum;
        }
    }

    /// <summary>y += s·x (the BLAS axpy) over y's length (x must be at least as long).</summary>
    public static void AddScaled(Span<double> y, double s, ReadOnlySpan<double> x)
    {
        var n = y.Length;
        if (x.Length < n)
        {
            throw new ArgumentException("x is shorter than y.", nameof(x));
        }

        unchecked
        {
            ref var ry = ref MemoryMarshal.GetReference(y);
            ref var rx = ref MemoryMarshal.GetReference(x);
            var i = 0;
            if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
            {
                var w = Vector<double>.Count;
                var vs = new Vector<double>(s);
                for (; i <= n - w; i += w)
                {
                    (Vector.LoadUnsafe(ref ry, (nuint)i) + (vs * Vector.LoadUnsafe(ref rx, (nuint)i))).StoreUnsafe(ref ry, (nuint)i);
                }
            }

            for (; i < n; i++)
            {
                Unsafe.Add(ref ry, i) += s * Unsafe.Add(ref rx, i);
            }
        }
    }

    /// <summary>xᵀ·M·x for a row-major n×n matrix M, without materialising M·x.</summary>
    public static double QuadraticForm(ReadOnlySpan<double> m, ReadOnlySpan<double> x)
    {
        var n = x.Length;
        if (m.Length < n * n)
        {
            throw new ArgumentException("The matrix is smaller than n×n.", nameof(m));
        }

        var sum = 0.0;
        unchecked
        {
            for (var i = 0; i < n; i++)
            {
                sum += x[i] * Dot(m.Slice(i * n, n), x);
            }
        }

        return sum;
    }

    /// <summary>y = M·x for a row-major n×n matrix M.</summary>
    public static void Multiply(ReadOnlySpan<double> m, ReadOnlySpan<double> x, Span<double> y)
    {
        var n = x.Length;
        unchecked
        {
            for (var i = 0; i < n; i++)
            {
                y[i] = Dot(m.Slice(i * n, n), x);
            }
        }
    }

    /// <summary>
    /// Cholesky factorisation M = L·Lᵀ of a symmetric positive-definite row-major n×n matrix,
    /// writing the lower triangle into <paramref name="lower"/> (upper part zeroed).
    /// Returns false when M is not (numerically) positive definite.
    /// </summary>
    public static bool Cholesky(ReadOnlySpan<double> m, Span<double> lower, int n)
    {
        lower[..(n * n)].Clear();
        for (var j = 0; j < n; j++)
        {
            var rowJ = lower.Slice(j * n, j);
            var diagonal = m[(j * n) + j] - Dot(rowJ, rowJ);
            if (!(diagonal > 0) || !double.IsFinite(diagonal))
            {
                return false;
            }

            var ljj = Math.Sqrt(diagonal);
            lower[(j * n) + j] = ljj;
            for (var i = j + 1; i < n; i++)
            {
                var s = m[(i * n) + j] - Dot(lower.Slice(i * n, j), rowJ);
                lower[(i * n) + j] = s / ljj;
            }
        }

        return true;
    }

    /// <summary>Solves L·Lᵀ·x = b in place (b becomes x), given the Cholesky factor L.</summary>
    public static void CholeskySolve(ReadOnlySpan<double> lower, Span<double> b, int n)
    {
        // Forward: L·y = b.
        for (var i = 0; i < n; i++)
        {
            b[i] = (b[i] - Dot(lower.Slice(i * n, i), b[..i])) / lower[(i * n) + i];
        }

        // Backward: Lᵀ·x = y (Lᵀ's row i is L's column i, so walk it by stride).
        for (var i = n - 1; i >= 0; i--)
        {
            var s = b[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= lower[(k * n) + i] * b[k];
            }

            b[i] = s / lower[(i * n) + i];
        }
    }

    /// <summary>
    /// Writes M⁻¹ into <paramref name="inverse"/> from M's Cholesky factor, one column per
    /// solve; <paramref name="column"/> is an n-long scratch buffer. The result is made exactly
    /// symmetric (mean of the two triangles) because the rank-1 updates assume symmetry.
    /// </summary>
    public static void InverseFromCholesky(ReadOnlySpan<double> lower, Span<double> inverse, Span<double> column, int n)
    {
        for (var j = 0; j < n; j++)
        {
            column[..n].Clear();
            column[j] = 1.0;
            CholeskySolve(lower, column, n);
            for (var i = 0; i < n; i++)
            {
                inverse[(i * n) + j] = column[i];
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var mean = 0.5 * (inverse[(i * n) + j] + inverse[(j * n) + i]);
                inverse[(i * n) + j] = mean;
                inverse[(j * n) + i] = mean;
            }
        }
    }
}
