using Lumen.Core.Canary;

namespace Lumen.Core.Tests.Canary;

/// <summary>The judge on errors that come in clusters (geometric sizes, mean m), both tracks identical.</summary>
public sealed class ClusteredCanaryTests
{
    [Trait("Speed", "Slow")] // Monte Carlo: thousands of seeded replays
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void Replay_ClusteredAaCheckedEveryInterval_FalseFailsStayUnderAlpha(double clusterMean)
    {
        // 5 requests per second per track (150 per 30 s interval), 1 % errors, α = 0.05, 240 intervals.
        const int runs = 100;
        var policy = SyntheticCanary.Policy(confidence: 0.95, minIntervals: 10, maxIntervals: 240);
        var fails = 0;
        for (var seed = 0; seed < runs; seed++)
        {
            var canary = new SyntheticCanary(3000 + seed) { BaselineRequests = 150, CanaryShare = 0.5, ErrorClusterMean = clusterMean };
            fails += CanaryJudge.Replay(policy, SyntheticCanary.Slo, canary.Intervals(240)).Outcome == CanaryOutcome.Fail ? 1 : 0;
        }

        var margin = 2 * Math.Sqrt(0.05 * 0.95 / runs);
        Assert.True(fails <= (0.05 + margin) * runs, $"{fails}/{runs} false fails at m = {clusterMean}");
    }

    [Fact]
    public void Observe_ClusteredErrorsInTheWarmUp_FixesTheIntervalModelWithItsDispersion()
    {
        var judge = new CanaryJudge(SyntheticCanary.Policy(minIntervals: 10), SyntheticCanary.Slo);
        foreach (var interval in new SyntheticCanary(11) { BaselineRequests = 150, CanaryShare = 0.5, ErrorRate = 0.02, ErrorClusterMean = 8 }.Intervals(10))
        {
            judge.Observe(interval);
        }

        Assert.NotNull(judge.ErrorModel);
        Assert.Equal("interval", judge.ErrorModel.Model);
        Assert.True(judge.ErrorModel.Dispersion > judge.ErrorModel.Limit, $"dispersion {judge.ErrorModel.Dispersion}");
        Assert.Contains("model interval (cluster-robust)", judge.Snapshot().Gates.Single(g => g.Gate == "error_rate.relative").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_ClusteredErrorsButThePolicyAssertsIndependence_AddsTheRequestLevelLikelihood()
    {
        var judge = new CanaryJudge(SyntheticCanary.Policy(minIntervals: 10) with { IndependentEvents = true }, SyntheticCanary.Slo);
        foreach (var interval in new SyntheticCanary(11) { BaselineRequests = 150, CanaryShare = 0.5, ErrorRate = 0.02, ErrorClusterMean = 8 }.Intervals(10))
        {
            judge.Observe(interval);
        }

        Assert.NotNull(judge.ErrorModel);
        Assert.True(judge.ErrorModel.Dispersion > judge.ErrorModel.Limit, $"dispersion {judge.ErrorModel.Dispersion}");
        Assert.Equal("interval+request", judge.ErrorModel.Model);
    }

    [Fact]
    public void Observe_IndependentErrorsInTheWarmUp_AddsTheRequestLevelLikelihood()
    {
        var judge = new CanaryJudge(SyntheticCanary.Policy(minIntervals: 10), SyntheticCanary.Slo);
        foreach (var interval in new SyntheticCanary(12) { BaselineRequests = 1000, CanaryShare = 0.5 }.Intervals(10))
        {
            judge.Observe(interval);
        }

        Assert.NotNull(judge.ErrorModel);
        Assert.Equal("interval+request", judge.ErrorModel.Model);
        Assert.True(judge.ErrorModel.Dispersion < 2, $"dispersion {judge.ErrorModel.Dispersion}");
    }

    [Fact]
    public void From_FewWarmUpEvents_NeverVouchesForIndependence()
    {
        var estimate = DispersionEstimate.From([(1, 1, 100, 100), (0, 1, 100, 100), (1, 0, 100, 100), (1, 1, 100, 100), (0, 1, 100, 100), (1, 0, 100, 100)]);
        Assert.False(estimate.Independent);
        Assert.Equal("interval", estimate.Model);
    }

    [Fact]
    public void Replay_ClusteredCanaryWithThreeTimesTheErrors_IsCaughtInMostRuns()
    {
        // m = 8, 5 rps, errors ×3 against the 1.5 margin at α = 0.05: a clustered regression is still found.
        const int runs = 30;
        var policy = SyntheticCanary.Policy(confidence: 0.95, minIntervals: 10, maxIntervals: 240);
        var fails = 0;
        for (var seed = 0; seed < runs; seed++)
        {
            var canary = new SyntheticCanary(4000 + seed) { BaselineRequests = 150, CanaryShare = 0.5, ErrorClusterMean = 8, CanaryErrorFactor = 3 };
            fails += CanaryJudge.Replay(policy, SyntheticCanary.Slo, canary.Intervals(240)).Outcome == CanaryOutcome.Fail ? 1 : 0;
        }

        Assert.True(fails >= 0.7 * runs, $"{fails}/{runs} caught");
    }
}
