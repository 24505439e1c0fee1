using Lumen.Core.Canary;

namespace Lumen.Core.Tests.Canary;

public sealed class LatencyHistogramTests
{
    private static readonly LatencyBucket[] Issue =
        [new(0.005, 10), new(0.01, 200), new(0.025, 900), new(0.05, 1150), new(0.1, 1195), new(double.PositiveInfinity, 1200)];

    [Fact]
    public void Quantile_IssueExample_InterpolatesLikeHistogramQuantile()
    {
        // rank 0.95·1200 = 1140 lies in (0.025, 0.05] holding 900..1150: 0.025 + 0.025·240/250 = 0.049.
        Assert.Equal(0.049, LatencyHistogram.Quantile(Issue, 0.95), 12);
    }

    [Fact]
    public void Quantile_RankInTheInfBucket_ReturnsTheHighestFiniteBound()
    {
        Assert.Equal(0.1, LatencyHistogram.Quantile(Issue, 0.999), 12);
    }

    [Fact]
    public void Quantile_Empty_IsNaN()
    {
        Assert.True(double.IsNaN(LatencyHistogram.Quantile([new(0.1, 0), new(double.PositiveInfinity, 0)], 0.95)));
    }

    [Fact]
    public void CountAtOrBelow_InsideABucket_InterpolatesLinearly()
    {
        Assert.Equal(1025, LatencyHistogram.CountAtOrBelow(Issue, 0.0375), 9);
    }
}
