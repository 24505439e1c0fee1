namespace Lumen.Cli.Bench;

/// <summary>
/// Kayenta's MannWhitneyClassifier, re-implemented from its published description
/// (spinnaker/kayenta, kayenta-judge, MannWhitneyClassifier.scala): a two-sample Mann–Whitney
/// (Wilcoxon rank-sum) confidence interval for the location shift experiment − control, with the
/// Hodges–Lehmann estimate; the metric is "High" when the interval's lower end exceeds
/// fraction·|estimate| (fraction 0.25). Run here on per-interval values (one p95 and one error rate
/// per interval and track, as Kayenta compares metric time series), with the normal approximation
/// for the interval (R's wilcox.test uses it for larger samples; without continuity correction here).
/// </summary>
internal static class KayentaMannWhitney
{
    public const double Fraction = 0.25;

    /// <summary>True when the canary's values are classified High at the given confidence.</summary>
    public static bool IsHigh(IReadOnlyList<double> canary, IReadOnlyList<double> baseline, double confidence)
    {
        var n = canary.Count;
        var m = baseline.Count;
        if (n < 3 || m < 3)
        {
            return false;
        }

        var diffs = new double[n * m];
        var k = 0;
        foreach (var c in canary)
        {
            foreach (var b in baseline)
            {
                diffs[k++] = c - b;
            }
        }

        Array.Sort(diffs);
        var count = diffs.Length;
        var estimate = count % 2 == 1 ? diffs[count / 2] : (diffs[(count / 2) - 1] + diffs[count / 2]) / 2;
        var z = Normal.Quantile(1 - ((1 - confidence) / 2));
        var c0 = (int)Math.Floor((n * m / 2.0) - (z * Math.Sqrt(n * m * (n + m + 1) / 12.0)));
        if (c0 < 0)
        {
            return false;
        }

        var lower = diffs[c0];
        return lower > Fraction * Math.Abs(estimate);
    }
}
