using System.Buffers;
using Lumen.Core.Sli;

namespace Lumen.Core.Rhythm;

/// <summary>The nearest-rank quantile of the usable rps values of a history, without a sort.</summary>
internal static class Quantile
{
    /// <summary>
    /// The value at rank ⌈q·n⌉ (1-based) among the n usable rps values (the nearest-rank definition:
    /// always an observed value); NaN when there is none. Uses a pooled buffer and quickselect (O(n)).
    /// </summary>
    public static double OfRps(ReadOnlySpan<SliSample> history, double q)
    {
        double[] buffer = ArrayPool<double>.Shared.Rent(Math.Max(1, history.Length));
        try
        {
            int n = 0;
            foreach (ref readonly var sample in history)
            {
                if (SliSample.IsUsable(sample.Rps))
                {
                    buffer[n++] = sample.Rps;
                }
            }

            if (n == 0)
            {
                return double.NaN;
            }

            int rank = Math.Clamp((int)Math.Ceiling(q * n), 1, n);
            return Select(buffer.AsSpan(0, n), rank - 1);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>The k-th smallest (0-based) value; reorders <paramref name="values"/>. Hoare's quickselect with a median-of-three pivot.</summary>
    internal static double Select(Span<double> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) / 2);
            double pivot = MedianOfThree(values[lo], values[mid], values[hi]);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private static double MedianOfThree(double a, double b, double c) =>
        Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
