using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Core.Tests.Rhythm;

public sealed class QuantileTests
{
    [Fact]
    public void Select_SeededRandomArrays_MatchesSort()
    {
        var random = new Random(0);
        for (int round = 0; round < 200; round++)
        {
            int n = random.Next(1, 300);
            // Few distinct values on purpose: duplicates are the hard case for partitioning.
            double[] values = [.. Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 20))];
            double[] sorted = [.. values.Order()];
            int k = random.Next(0, n);

            Assert.Equal(sorted[k], Quantile.Select(values, k));
        }
    }

    [Fact]
    public void OfRps_NearestRank_SkipsUnusableValues()
    {
        // 1..20 plus NaN and a negative: p90 is the 18th smallest of the 20 usable values.
        var history = Enumerable.Range(1, 20)
            .Select(i => SliSample.FromRps(Samples.Start.AddMinutes(i), 21 - i))
            .Append(SliSample.FromRps(Samples.Start, double.NaN))
            .Append(SliSample.FromRps(Samples.Start, -1))
            .ToArray();

        Assert.Equal(18, Quantile.OfRps(history, 0.9));
        Assert.Equal(20, Quantile.OfRps(history, 1.0));
        Assert.Equal(10, Quantile.OfRps(history, 0.5));
    }

    [Fact]
    public void OfRps_NoUsableValue_NaN()
    {
        Assert.True(double.IsNaN(Quantile.OfRps([SliSample.FromRps(Samples.Start, double.NaN)], 0.9)));
    }
}
