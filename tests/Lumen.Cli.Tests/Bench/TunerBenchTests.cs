using Lumen.Cli.Bench.Tuner;
using Lumen.Cli.Demo;
using Lumen.Simulator.Environments;

namespace Lumen.Cli.Tests.Bench;

[Trait("Speed", "Slow")] // runs the tuner bench
public sealed class TunerBenchTests
{
    [Fact]
    public async Task RunAsync_OneEnvTwoSeeds_EveryPolicyFiniteAnchorsOrdered()
    {
        var steady = SimEnvironments.Loader.Load("steady").Environment!;

        // 0.6 days: the mapper needs half a day of history before the tuner can act, so a few hours act.
        var report = await new TunerBench(seeds: 2, days: 0.6, parallelism: 2).RunAsync([steady], null, CancellationToken.None);

        var anchors = Assert.Single(report.Anchors);
        Assert.False(anchors.SeedDependent);
        Assert.True(anchors.BestFixed > anchors.Static && anchors.HourlySchedule >= anchors.BestFixed);
        Assert.Equal(TunerPolicyNames.All, report.Results.Select(s => s.Policy));
        Assert.All(report.Results, s =>
        {
            Assert.Equal(2, s.Seeds);
            Assert.True(double.IsFinite(s.Reward) && s.Reward > 0);
            Assert.True(double.IsFinite(s.GapClosed) && double.IsFinite(s.PairedDiffVsStatic) && double.IsFinite(s.RegretVsOracle));
            Assert.InRange(s.HoursAtLeast095Static, 0, 1);
            Assert.InRange(s.SloMargin, -1, 1);
            Assert.Single(s.LearningCurve);
        });
        var oracle = report.Results.Single(s => s.Policy == TunerPolicyNames.Oracle);
        Assert.Equal(0, oracle.RegretVsOracle);
        Assert.True(oracle.Adjustments > 0);
        var @static = report.Results.Single(s => s.Policy == TunerPolicyNames.Static);
        Assert.Equal(0, @static.PairedDiffVsStatic);
        Assert.Equal(0, @static.Adjustments);
        // The static run and the static anchor differ only by the run's per-tick load noise.
        Assert.InRange(@static.GapClosed, -0.05, 0.05);
    }

    [Fact]
    public async Task RunAsync_PolicySubset_RunsOnlyThose()
    {
        var steady = SimEnvironments.Loader.Load("steady").Environment!;

        var report = await new TunerBench(seeds: 1, days: 0.05, parallelism: 2, [TunerPolicyNames.Random, TunerPolicyNames.Static])
            .RunAsync([steady], null, CancellationToken.None);

        Assert.Equal([TunerPolicyNames.Static, TunerPolicyNames.Random], report.Results.Select(s => s.Policy));
    }
}
