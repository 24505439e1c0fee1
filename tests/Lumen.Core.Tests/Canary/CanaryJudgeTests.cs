using Lumen.Core.Canary;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;

namespace Lumen.Core.Tests.Canary;

public sealed class CanaryJudgeTests
{
    [Trait("Speed", "Slow")] // Monte Carlo: thousands of seeded replays
    [Fact]
    public void Replay_AaAtTheNullBoundaryCheckedEveryInterval_FalseFailRateStaysUnderAlpha()
    {
        // max_ratio 1.0 puts A/A exactly on the null boundary (the hardest case) and makes a pass
        // impossible, so every run is watched for all 120 intervals. Ville: P(ever fail) ≤ α = 0.05.
        var policy = SyntheticCanary.Policy(maxIntervals: 120) with { Gates = new CanaryGates(new RatioGate(1.0), new RatioGate(1.0), false) };
        const int runs = 500;
        var fails = 0;
        for (var seed = 0; seed < runs; seed++)
        {
            var verdict = CanaryJudge.Replay(policy, SyntheticCanary.Slo, new SyntheticCanary(seed) { BaselineRequests = 2000 }.Intervals(120));
            fails += verdict.Outcome == CanaryOutcome.Fail ? 1 : 0;
        }

        var margin = 3 * Math.Sqrt(0.05 * 0.95 / runs);
        Assert.True(fails <= (0.05 + margin) * runs, $"{fails}/{runs} false fails");
    }

    [Fact]
    public void Replay_CanaryWithTwiceTheErrors_FailsInAtLeast95PercentOfRuns()
    {
        var fails = 0;
        for (var seed = 0; seed < 100; seed++)
        {
            var verdict = CanaryJudge.Replay(SyntheticCanary.Policy(), SyntheticCanary.Slo, new SyntheticCanary(seed) { CanaryErrorFactor = 2 }.Intervals(120));
            if (verdict.Outcome == CanaryOutcome.Fail)
            {
                fails++;
                Assert.Contains(verdict.Gates, g => g.Gate == "error_rate.relative" && g.Outcome == CanaryOutcome.Fail);
            }
        }

        Assert.True(fails >= 95, $"{fails}/100 detected");
    }

    [Fact]
    public void Replay_CanaryHalfAgainAsSlow_FailsOnTheRelativeLatencyGate()
    {
        var verdict = CanaryJudge.Replay(SyntheticCanary.Policy(), SyntheticCanary.Slo, new SyntheticCanary(7) { CanaryLatencyFactor = 1.5 }.Intervals(120));
        Assert.Equal(CanaryOutcome.Fail, verdict.Outcome);
        Assert.Contains(verdict.Gates, g => g.Gate == "latency_p95.relative" && g.Outcome == CanaryOutcome.Fail);
        Assert.NotNull(verdict.DecidedAt);
    }

    [Fact]
    public void Replay_AaWithEnoughTraffic_PassesEarly()
    {
        var verdict = CanaryJudge.Replay(SyntheticCanary.Policy(), SyntheticCanary.Slo, new SyntheticCanary(3).Intervals(120));
        Assert.Equal(CanaryOutcome.Pass, verdict.Outcome);
        Assert.True(verdict.IsFinal);
        Assert.True(verdict.IntervalsUsed < 120, $"{verdict.IntervalsUsed} intervals");
        Assert.All(verdict.Gates, g => Assert.Equal(CanaryOutcome.Pass, g.Outcome));
    }

    [Fact]
    public void Replay_LowTraffic_IsInconclusiveAndNotYetFinal()
    {
        var verdict = CanaryJudge.Replay(SyntheticCanary.Policy(), SyntheticCanary.Slo, new SyntheticCanary(1) { BaselineRequests = 20 }.Intervals(10));
        Assert.Equal(CanaryOutcome.Inconclusive, verdict.Outcome);
        Assert.False(verdict.IsFinal);
        Assert.Contains(verdict.Reasons, r => r.StartsWith("min_samples", StringComparison.Ordinal));
    }

    [Fact]
    public void Replay_LowTrafficUntilMaxIntervals_InconclusiveIsFinal()
    {
        var policy = SyntheticCanary.Policy(maxIntervals: 10);
        var verdict = CanaryJudge.Replay(policy, SyntheticCanary.Slo, new SyntheticCanary(1) { BaselineRequests = 20 }.Intervals(30));
        Assert.Equal(CanaryOutcome.Inconclusive, verdict.Outcome);
        Assert.True(verdict.IsFinal);
        Assert.Equal(10, verdict.IntervalsSeen);
        Assert.StartsWith("no decision after max_intervals", verdict.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_NoData_IsInconclusiveNeverPass()
    {
        var verdict = new CanaryJudge(SyntheticCanary.Policy(), SyntheticCanary.Slo).Snapshot();
        Assert.Equal(CanaryOutcome.Inconclusive, verdict.Outcome);
        Assert.False(verdict.IsFinal);
        Assert.Contains(verdict.Gates, g => g.Gate == "min_samples" && g.Reason == "no data yet");
    }

    [Fact]
    public void Replay_IntervalsWithZeroRequests_NeverPass()
    {
        var verdict = CanaryJudge.Replay(SyntheticCanary.Policy(maxIntervals: 50), SyntheticCanary.Slo, new SyntheticCanary(1) { BaselineRequests = 0 }.Intervals(50));
        Assert.Equal(CanaryOutcome.Inconclusive, verdict.Outcome);
        Assert.True(verdict.IsFinal);
    }

    [Fact]
    public void Observe_BaselineAndCanaryInDifferentPhases_SkipsTheInterval()
    {
        var judge = new CanaryJudge(SyntheticCanary.Policy(), SyntheticCanary.Slo);
        CanaryVerdict? verdict = null;
        foreach (var interval in new SyntheticCanary(2).Intervals(20))
        {
            verdict = judge.Observe(interval with
            {
                Baseline = interval.Baseline with { Phase = PhaseLabel.Peak },
                Canary = interval.Canary with { Phase = PhaseLabel.Trough },
            });
        }

        Assert.NotNull(verdict);
        Assert.Equal(0, verdict.IntervalsUsed);
        Assert.Equal(20, verdict.IntervalsSeen);
        Assert.Equal(CanaryOutcome.Inconclusive, verdict.Outcome);
        Assert.Contains(verdict.Reasons, r => r.Contains("different phases", StringComparison.Ordinal));
    }

    [Fact]
    public void Replay_PhaseNotAllowedForPromotion_WaitsInsteadOfPassing()
    {
        var troughOnly = SyntheticCanary.Policy() with { AllowedPhases = [PhaseLabel.Trough] };
        var atPeak = CanaryJudge.Replay(troughOnly, SyntheticCanary.Slo, new SyntheticCanary(3) { Phase = PhaseLabel.Peak }.Intervals(60));
        var atTrough = CanaryJudge.Replay(troughOnly, SyntheticCanary.Slo, new SyntheticCanary(3) { Phase = PhaseLabel.Trough }.Intervals(60));
        Assert.Equal(CanaryOutcome.Inconclusive, atPeak.Outcome);
        Assert.Contains(atPeak.Gates, g => g.Gate == "phase" && g.Outcome == CanaryOutcome.Inconclusive);
        Assert.Equal(CanaryOutcome.Pass, atTrough.Outcome);
    }

    [Fact]
    public void Replay_CoherenceGateWithoutCoherenceInTheRecords_CannotPass()
    {
        var verdict = CanaryJudge.Replay(SyntheticCanary.Policy(coherence: true, maxIntervals: 40), SyntheticCanary.Slo, new SyntheticCanary(3).Intervals(40));
        Assert.Equal(CanaryOutcome.Inconclusive, verdict.Outcome);
        Assert.Contains(verdict.Gates, g => g.Gate == "coherence" && g.Outcome == CanaryOutcome.Inconclusive);
    }

    [Fact]
    public void Replay_CanaryAboveTheErrorSlo_FailsTheAbsoluteGate()
    {
        var slo = SyntheticCanary.Slo with { ErrorRate = 0.012 };
        var verdict = CanaryJudge.Replay(SyntheticCanary.Policy(), slo, new SyntheticCanary(5) { ErrorRate = 0.02 }.Intervals(120));
        Assert.Equal(CanaryOutcome.Fail, verdict.Outcome);
        Assert.Contains(verdict.Gates, g => g.Gate == "error_rate.absolute" && g.Outcome == CanaryOutcome.Fail);
    }
}
