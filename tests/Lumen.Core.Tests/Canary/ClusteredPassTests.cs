using Lumen.Core.Canary;

namespace Lumen.Core.Tests.Canary;

/// <summary>
/// The pass side of the absolute gates with clustered events: the tempered Poisson evidence is a test
/// supermartingale for any cluster-size law whose index E[Y²]/E[Y] is at most its temper, it lets a
/// clean canary pass where the interval-level bets alone cannot, and it does not pass a canary at the SLO.
/// </summary>
public sealed class ClusteredPassTests
{
    [Theory]
    [InlineData(150, 0.02, 1)]
    [InlineData(150, 0.02, 4)]
    [InlineData(150, 0.02, 8)]
    [InlineData(1000, 0.05, 16)]
    public void TemperedMixture_AtTheNullBoundaryWithTemperAtTheIndex_HasExpectationAtMostOne(int requests, double p0, double clusterMean)
    {
        // Exact: the compound-Poisson law of one interval's events (Panjer's recursion, geometric sizes of
        // mean m, index φ = 2m − 1), each outcome's e-value from a fresh mixture.
        var index = (2 * clusterMean) - 1;
        var expectation = Expectation(requests, p0, clusterMean, temper: index);
        Assert.InRange(expectation, 0.5, 1 + 1e-9);
    }

    [Fact]
    public void TemperedMixture_TemperedBelowTheIndex_IsNotASupermartingale()
    {
        // The assumption matters: clusters of mean 8 (index 15) with evidence tempered by 1 overstate it.
        Assert.True(Expectation(150, 0.02, 8, temper: 1) > 1.05);
    }

    [Fact]
    [Trait("Speed", "Slow")] // Monte Carlo: thousands of seeded replays
    public void TemperedMixture_NullBoundarySimulated_MeanStaysUnderOne()
    {
        // 20,000 seeded runs of 30 intervals at the boundary (2 %, clusters of mean 4, temper 7).
        var random = new Random(17);
        double sum = 0;
        const int runs = 20_000;
        for (var r = 0; r < runs; r++)
        {
            var mixture = new TemperedPoissonMixture(0.02, 7);
            for (var t = 0; t < 30; t++)
            {
                mixture.Observe(ClusteredErrors(random, 150 * 0.02, 4), 150);
            }

            sum += Math.Exp(mixture.LogE);
        }

        Assert.True(sum / runs < 1.03, $"mean e-value {sum / runs}");
    }

    [Fact]
    public void Replay_CleanCanaryWithClusteredErrors_PassesTheAbsoluteErrorGate()
    {
        // 0.5 % errors in clusters of mean 4 against a 5 % SLO, 2,000 canary requests per interval: the
        // interval-level pass bets alone gain at most 1/(1 − 0.05) per interval (ln 20 / ln(1/0.95) ≈ 58
        // intervals even with no error at all); the tempered evidence passes well before that.
        var policy = SyntheticCanary.Policy(confidence: 0.95, minIntervals: 10, maxIntervals: 50);
        var passed = 0;
        for (var seed = 0; seed < 10; seed++)
        {
            var canary = new SyntheticCanary(7000 + seed) { BaselineRequests = 2000, CanaryShare = 0.5, ErrorRate = 0.005, ErrorClusterMean = 4 };
            var judge = new CanaryJudge(policy, SyntheticCanary.Slo);
            CanaryVerdict? verdict = null;
            foreach (var interval in canary.Intervals(40))
            {
                verdict = judge.Observe(interval);
            }

            var gate = verdict!.Gates.Single(g => g.Gate == "error_rate.absolute");
            Assert.False(judge.ErrorModel!.Independent);
            Assert.NotNull(judge.ErrorModel.PassTemper);
            Assert.Contains("tempered by the cluster index", gate.Reason, StringComparison.Ordinal);
            passed += gate.Outcome == CanaryOutcome.Pass ? 1 : 0;
        }

        Assert.True(passed >= 8, $"{passed}/10 passed");
    }

    [Fact]
    [Trait("Speed", "Slow")] // Monte Carlo: thousands of seeded replays
    public void Replay_CanaryAtTheSloWithClusteredErrors_RarelyPassesTheAbsoluteErrorGate()
    {
        // The canary's rate is the SLO's (the pass side's null boundary), clusters of mean 8: a pass of the
        // absolute error gate is a false pass; at α = 0.05 it must stay near 5 % or below.
        var policy = SyntheticCanary.Policy(confidence: 0.95, minIntervals: 10, maxIntervals: 240);
        const int runs = 100;
        var passes = 0;
        for (var seed = 0; seed < runs; seed++)
        {
            var canary = new SyntheticCanary(8000 + seed) { BaselineRequests = 600, CanaryShare = 0.5, ErrorRate = SyntheticCanary.Slo.ErrorRate, ErrorClusterMean = 8 };
            var judge = new CanaryJudge(policy, SyntheticCanary.Slo);
            foreach (var interval in canary.Intervals(240))
            {
                if (judge.Observe(interval).Gates.Single(g => g.Gate == "error_rate.absolute").Outcome == CanaryOutcome.Pass)
                {
                    passes++;
                    break;
                }
            }
        }

        var margin = 2 * Math.Sqrt(0.05 * 0.95 / runs);
        Assert.True(passes <= (0.05 + margin) * runs, $"{passes}/{runs} false passes");
    }

    [Fact]
    public void Effective_OneClusterLikely_CountsAboutOne_ManyClusters_CountsMore()
    {
        Assert.Equal(1, ClusterCount.Effective(1, 0.5, 8));
        var sparse = ClusterCount.Effective(30, 0.2, 8);
        var dense = ClusterCount.Effective(30, 20, 8);
        var single = ClusterCount.Effective(30, 30, 1.0001);
        Assert.InRange(sparse, 1, 1.5);
        Assert.True(dense > 2 * sparse, $"dense {dense}, sparse {sparse}");
        Assert.True(single > 20, $"independent events count as themselves: {single}");
    }

    [Fact]
    public void Observe_FewErrorsInTheWarmUp_WaitsForEnoughEventsBeforeFixingTheModel()
    {
        // 2 rps per track, 1 % errors: ten intervals hold about 12 errors, too few to judge independence;
        // the warm-up of the error model goes on (tested by the interval-level bets meanwhile) until it has 30.
        var judge = new CanaryJudge(SyntheticCanary.Policy(minIntervals: 10, maxIntervals: 240, minSamples: 100), SyntheticCanary.Slo);
        var fixedAt = 0;
        var t = 0;
        foreach (var interval in new SyntheticCanary(21) { BaselineRequests = 60, CanaryShare = 0.5 }.Intervals(60))
        {
            t++;
            judge.Observe(interval);
            if (judge.ErrorModel is not null)
            {
                fixedAt = t;
                break;
            }
        }

        Assert.True(fixedAt > judge.WarmupIntervals, $"fixed at {fixedAt}");
        Assert.True(fixedAt <= judge.MaxWarmupIntervals, $"fixed at {fixedAt}");
        Assert.True(judge.ErrorModel!.Events >= DispersionEstimate.MinEvents, $"{judge.ErrorModel.Events} events");
        Assert.True(judge.ErrorModel.Independent);
    }

    private static double Expectation(int requests, double p0, double clusterMean, double temper)
    {
        var pmf = CompoundPoisson(requests * p0 / clusterMean, clusterMean, requests);
        double expectation = 0;
        for (var x = 0; x < pmf.Length; x++)
        {
            var mixture = new TemperedPoissonMixture(p0, temper);
            mixture.Observe(x, requests);
            expectation += pmf[x] * Math.Exp(mixture.LogE);
        }

        return expectation;
    }

    /// <summary>P(X = x) for X a Poisson(λ) sum of geometric sizes with mean m (Panjer's recursion), up to <paramref name="max"/>.</summary>
    private static double[] CompoundPoisson(double lambda, double clusterMean, int max)
    {
        var q = 1 / clusterMean;
        var size = new double[max + 1];
        for (var y = 1; y <= max; y++)
        {
            size[y] = q * Math.Pow(1 - q, y - 1);
        }

        var pmf = new double[max + 1];
        pmf[0] = Math.Exp(-lambda);
        for (var x = 1; x <= max; x++)
        {
            double sum = 0;
            for (var y = 1; y <= x; y++)
            {
                sum += y * size[y] * pmf[x - y];
            }

            pmf[x] = lambda / x * sum;
        }

        return pmf;
    }

    private static long ClusteredErrors(Random random, double mean, double clusterMean)
    {
        var clusters = Poisson(random, mean / clusterMean);
        long total = 0;
        for (var k = 0; k < clusters; k++)
        {
            total += 1 + (long)Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(1 - (1 / clusterMean)));
        }

        return total;
    }

    private static long Poisson(Random random, double lambda)
    {
        var limit = Math.Exp(-lambda);
        var k = 0L;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }
}
