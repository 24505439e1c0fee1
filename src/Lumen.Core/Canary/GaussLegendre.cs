namespace Lumen.Core.Canary;

/// <summary>
/// Gauss–Legendre nodes and weights on [-1, 1] (Newton's method on the Legendre recurrence; Press et
/// al., Numerical Recipes, §4.6). An n-point rule integrates polynomials of degree ≤ 2n − 1 exactly,
/// which is what lets the tests check the mixture e-value against closed forms.
/// </summary>
internal static class GaussLegendre
{
    public static (double[] Nodes, double[] Weights) Rule(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (var i = 0; i < (n + 1) / 2; i++)
        {
            var z = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative;
            double previous;
            do
            {
                var p1 = 1.0;
                var p2 = 0.0;
                for (var j = 1; j <= n; j++)
                {
                    var p3 = p2;
                    p2 = p1;
                    p1 = (((2.0 * j) - 1) * z * p2 - ((j - 1.0) * p3)) / j;
                }

                derivative = n * ((z * p1) - p2) / ((z * z) - 1);
                previous = z;
                z = previous - (p1 / derivative);
            }
            while (Math.Abs(z - previous) > 1e-15);

            nodes[i] = -z;
            nodes[n - 1 - i] = z;
            weights[i] = weights[n - 1 - i] = 2 / ((1 - (z * z)) * derivative * derivative);
        }

        return (nodes, weights);
    }
}
