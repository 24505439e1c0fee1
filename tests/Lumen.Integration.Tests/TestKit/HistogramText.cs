using System.Globalization;
using System.Text.RegularExpressions;

namespace Lumen.Integration.Tests.TestKit;

/// <summary>Reads a histogram's cumulative buckets from Prometheus text exposition (the service's own
/// numbers) and computes a quantile the way PromQL's histogram_quantile does.</summary>
internal static partial class HistogramText
{
    public static SortedDictionary<double, double> Buckets(string exposition, string metric)
    {
        var buckets = new SortedDictionary<double, double>();
        foreach (Match m in BucketLine().Matches(exposition))
        {
            if (m.Groups["name"].Value != metric + "_bucket")
            {
                continue;
            }

            var le = m.Groups["le"].Value == "+Inf" ? double.PositiveInfinity : double.Parse(m.Groups["le"].Value, CultureInfo.InvariantCulture);
            buckets[le] = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return buckets;
    }

    /// <summary>promql/quantile.go bucketQuantile (Prometheus 2.x): linear interpolation inside the bucket that holds the rank.</summary>
    public static double Quantile(double q, SortedDictionary<double, double> buckets)
    {
        var list = buckets.ToList();
        var rank = q * list[^1].Value;
        var b = list.FindIndex(0, list.Count - 1, x => x.Value >= rank);
        if (b < 0)
        {
            return list[^2].Key;
        }

        var start = b == 0 ? 0 : list[b - 1].Key;
        var count = list[b].Value - (b == 0 ? 0 : list[b - 1].Value);
        rank -= b == 0 ? 0 : list[b - 1].Value;
        return start + ((list[b].Key - start) * (rank / count));
    }

    [GeneratedRegex("""^(?<name>[a-z_]+)\{[^}]*le="(?<le>[^"]+)"[^}]*\} (?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex BucketLine();
}
