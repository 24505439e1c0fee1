namespace Lumen.Core.Canary;

/// <summary>
/// How many independent pieces of evidence an interval's X events are worth when events come in
/// clusters: clusters arrive as Poisson(λ) per interval with geometric sizes of mean m (the law the
/// warm-up's dispersion φ ≈ 2m − 1 describes), and the canary's share of the events has variance
/// p(1 − p)·E[ΣY²/X²]. The effective count is 1/E[ΣY²/X² | X], with the posterior of the number of
/// clusters K given X. It sizes bets only: any bet fixed before the interval's split is seen is valid.
/// </summary>
internal static class ClusterCount
{
    /// <summary>Clusters considered at most (the posterior beyond is negligible where this is used).</summary>
    private const int MaxClusters = 200;

    public static double Effective(long events, double clusterRate, double clusterMean)
    {
        if (events <= 1)
        {
            return 1;
        }

        var q = 1 / clusterMean;
        var kmax = (int)Math.Min(events, MaxClusters);
        Span<double> logWeights = stackalloc double[kmax + 1];
        var max = double.NegativeInfinity;
        var lgX = LogGamma(events);
        for (var k = 1; k <= kmax; k++)
        {
            // P(K = k) · P(sum of k geometric sizes = X) up to a factor free of k.
            var w = (k * Math.Log(clusterRate)) - LogGamma(k + 1) + lgX - LogGamma(k) - LogGamma(events - k + 1)
                + (k * Math.Log(q)) - (q < 1 ? k * Math.Log(1 - q) : 0);
            logWeights[k] = w;
            max = Math.Max(max, w);
        }

        double total = 0, share = 0;
        for (var k = 1; k <= kmax; k++)
        {
            var w = Math.Exp(logWeights[k] - max);
            total += w;
            share += w * SquaredShare(events, k);
        }

        return total / share;
    }

    /// <summary>E[ΣY²]/X² when X events form k clusters, all compositions equally likely (Dirichlet–multinomial with unit weights).</summary>
    private static double SquaredShare(long x, int k)
    {
        var n = x - k;
        var variance = n * (1.0 / k) * (1 - (1.0 / k)) * (n + k) / (1.0 + k);
        var sum = (k * variance) + ((double)x * x / k);
        return sum / ((double)x * x);
    }

    private static double LogGamma(double x)
    {
        // Lanczos approximation (g = 7, n = 9), accurate to ~15 digits for x > 0.
        ReadOnlySpan<double> c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var a = c[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            a += c[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }
}
