using Lumen.Core.Canary;

namespace Lumen.Core.Tests.Canary;

public sealed class IntervalBettingTests
{
    // One interval at an even split and ρ0 = 1 (p0 = ½) holding two error clusters of 3 and 1
    // requests, each from the canary with probability ½ (the null boundary): four equally likely
    // outcomes with canary shares 1, ¾, ¼, 0.
    private static readonly (long Canary, long Baseline)[] TwoClusters = [(4, 0), (3, 1), (1, 3), (0, 4)];

    [Fact]
    public void RatioAbove_ClusteredNullAtTheBoundary_ExpectationIsExactlyOneByEnumeration()
    {
        var expectation = 0.0;
        foreach (var (c, b) in TwoClusters)
        {
            foreach (var (c2, b2) in TwoClusters)
            {
                var e = IntervalBetting.RatioAbove(1.0);
                e.ObserveEvents(c, b, 100, 100);
                e.ObserveEvents(c2, b2, 100, 100);
                expectation += e.E / 16;
            }
        }

        // Each interval's factor is linear in the share, whose mean is ½ = p0, and the two intervals are
        // independent: E[E₂] = 1 exactly, whatever the cluster sizes.
        Assert.Equal(1.0, expectation, 12);
    }

    [Fact]
    public void RatioAbove_SameClusteredNull_TheRequestLevelLikelihoodHasExpectationAboveOne()
    {
        // Why the per-request model breaks with clusters: treating the 3-request cluster as three
        // independent events makes the likelihood ratio convex in the cluster's label, so its
        // expectation under the same null exceeds 1 and Ville's inequality no longer applies.
        var expectation = 0.0;
        foreach (var (c, b) in TwoClusters)
        {
            var mixture = BernoulliMixture.RatioAbove(1.0);
            mixture.ObserveEvents(c, b, 100, 100);
            expectation += mixture.E / 4;
        }

        Assert.True(expectation > 1.05, $"E = {expectation}");
    }

    [Fact]
    public void OneSampleBelow_ClusteredNullInsideTheNull_ExpectationIsBelowOneByEnumeration()
    {
        // p0 = 0.3; the truth p = 0.4 is on the null side of the pass test (p ≥ p0). One interval of 10
        // requests in which a single cluster of 10 fails them all with probability 0.4.
        var all = IntervalBetting.OneSampleBelow(0.3);
        all.Observe(10, 10);
        var none = IntervalBetting.OneSampleBelow(0.3);
        none.Observe(0, 10);
        var expectation = (0.4 * all.E) + (0.6 * none.E);
        Assert.True(expectation < 1, $"E = {expectation}");
    }

    [Trait("Speed", "Slow")] // Monte Carlo: thousands of seeded replays
    [Theory]
    [InlineData(1.0)]
    [InlineData(8.0)]
    public void RatioAbove_SeededClusteredNullAtTheBoundary_MeanEValueStaysAtMostOneAndVilleHolds(double dispersion)
    {
        // Margin ρ0 = 1.5, canary share of requests 0.3, the canary's cluster rate exactly 1.5× the
        // baseline's (the boundary of the null), clusters geometric with mean 8, 40 intervals.
        const int runs = 20000;
        const double alpha = 0.05;
        var random = new Random(17);
        double sum = 0, sumSquares = 0;
        var crossed = 0;
        for (var run = 0; run < runs; run++)
        {
            var e = IntervalBetting.RatioAbove(1.5);
            e.Dispersion = dispersion;
            var max = 1.0;
            for (var t = 0; t < 40; t++)
            {
                var canary = Clustered(random, 0.6 * 1.5, 8);
                var baseline = Clustered(random, 1.4, 8);
                e.ObserveEvents(canary, baseline, 300, 700);
                max = Math.Max(max, e.E);
            }

            sum += e.E;
            sumSquares += e.E * e.E;
            crossed += max >= 1 / alpha ? 1 : 0;
        }

        var mean = sum / runs;
        var standardError = Math.Sqrt(((sumSquares / runs) - (mean * mean)) / runs);
        Assert.True(mean <= 1 + (3 * standardError), $"mean E = {mean} ± {standardError}");
        Assert.True(crossed <= alpha * runs, $"{crossed}/{runs} crossed 1/α");
    }

    [Fact]
    public void RatioAbove_ClusteredCanaryThreeTimesTheBaseline_BuildsEvidence()
    {
        var random = new Random(3);
        var e = IntervalBetting.RatioAbove(1.25);
        e.Dispersion = 15;
        for (var t = 0; t < 240; t++)
        {
            e.ObserveEvents(Clustered(random, 3 * 1.5, 8), Clustered(random, 1.5, 8), 150, 150);
        }

        Assert.True(e.E > 400, $"e = {e.E}");
    }

    [Fact]
    public void ObserveEvents_OneEventPerInterval_MatchesTheRequestLevelMixtureWhereTheBetIsNotCapped()
    {
        // With one event per interval the bet is the exact Bernoulli likelihood ratio, so a mixture over
        // alternatives the cap does not touch equals the request-level one. Checked node by node through the
        // factor: 1 + c(1 − p0) = p1/p0 and 1 − c·p0 = (1 − p1)/(1 − p0).
        var e = IntervalBetting.RatioAbove(1.0);
        Assert.Equal(0.7 / 0.5, e.Factor(1, 1, 0.5, 0.7), 12);
        Assert.Equal(0.3 / 0.5, e.Factor(0, 1, 0.5, 0.7), 12);
    }

    private static long Clustered(Random random, double meanRequests, double clusterMean)
    {
        var lambda = meanRequests / clusterMean;
        var limit = Math.Exp(-lambda);
        var clusters = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble())
        {
            clusters++;
        }

        long total = 0;
        for (var k = 0; k < clusters; k++)
        {
            total += 1 + (long)Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(1 - (1 / clusterMean)));
        }

        return total;
    }
}
