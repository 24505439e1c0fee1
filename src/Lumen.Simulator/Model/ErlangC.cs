namespace Lumen.Simulator.Model;

/// <summary>
/// The Erlang B and Erlang C formulas of the M/M/c queue (Kleinrock, Queueing Systems Vol. 1, 1975,
/// §3.5; Harchol-Balter, Performance Modeling and Design of Computer Systems, 2013, ch. 14).
/// </summary>
internal static class ErlangC
{
    /// <summary>
    /// Erlang B, the blocking probability of M/M/c/c with offered load <paramref name="a"/> Erlangs,
    /// by the recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), written for its reciprocal
    /// I(k) = 1/B(k) = 1 + (k/a)·I(k−1). All terms are positive, so there is no cancellation (unlike
    /// the factorial sums), and the dependent chain is one multiply-add per step. Once k &gt; a,
    /// B falls by at least a/k per step, so the loop stops when B is below 1e-18: the rest cannot
    /// matter to a probability.
    /// </summary>
    public static double ErlangB(int c, double a)
    {
        if (c <= 0)
        {
            return 1.0;
        }

        if (!(a > 0))
        {
            return 0.0;
        }

        var inverseA = 1.0 / a;
        var reciprocal = 1.0;
        for (var k = 1; k <= c; k++)
        {
            reciprocal = 1.0 + k * inverseA * reciprocal;
            if (reciprocal > 1e18 && k > a)
            {
                return 0.0;
            }
        }

        return 1.0 / reciprocal;
    }

    /// <summary>
    /// Erlang C, the probability that an arrival waits in M/M/c, from Erlang B:
    /// C = B / (1 − ρ·(1 − B)) with ρ = a/c. Defined for ρ &lt; 1; at or beyond saturation every
    /// arrival waits, so it returns 1.
    /// </summary>
    public static double Probability(int c, double a)
    {
        if (c <= 0)
        {
            return 1.0;
        }

        var rho = a / c;
        if (!(rho < 1.0))
        {
            return 1.0;
        }

        var b = ErlangB(c, a);
        return b / (1.0 - rho * (1.0 - b));
    }
}
