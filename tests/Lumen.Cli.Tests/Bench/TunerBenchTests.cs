using Lumen.Cli.Bench.Tuner;
using Lumen.Simulator.Environments;

namespace Lumen.Cli.Tests.Bench;

public sealed class TunerBenchTests
{
    [Fact]
    public async Task RunAsync_OneEnvTwoSeeds_EveryPolicyFiniteAndOracleRegretZero()
    {
        var steady = EnvironmentLoader.Load("steady").Environment!;

        // 0.6 days: the mapper needs half a day of history before the tuner can act, so a few hours act.
        var summaries = await new TunerBench(seeds: 2, days: 0.6, parallelism: 2).RunAsync([steady], null, CancellationToken.None);

        Assert.Equal(TunerPolicyNames.All, summaries.Select(s => s.Policy));
        Assert.All(summaries, s =>
        {
            Assert.Equal(2, s.Seeds);
            Assert.True(double.IsFinite(s.Reward) && s.Reward > 0);
            Assert.True(double.IsFinite(s.Regret) && double.IsFinite(s.GainOverStatic) && double.IsFinite(s.SloViolationMinutes));
            Assert.True(double.IsFinite(s.WorstHourlyRatioToStatic));
        });
        var oracle = summaries.Single(s => s.Policy == TunerPolicyNames.Oracle);
        Assert.Equal(0, oracle.Regret);
        Assert.True(oracle.Adjustments > 0);
        var @static = summaries.Single(s => s.Policy == TunerPolicyNames.Static);
        Assert.Equal(0, @static.GainOverStatic);
        Assert.Equal(0, @static.Adjustments);
    }

    [Fact]
    public void Summarise_RegretAndGain_ArePerSeedDifferences()
    {
        TunerRunResult Run(string policy, int seed, double reward) =>
            new("env", policy, seed, reward, [reward / 2, reward], 0, 0, 0, 0, 0, 0, null);
        var results = TunerPolicyNames.All.SelectMany(p => new[]
        {
            Run(p, 1, p == TunerPolicyNames.Oracle ? 110 : p == TunerPolicyNames.Static ? 100 : 104),
            Run(p, 2, p == TunerPolicyNames.Oracle ? 210 : p == TunerPolicyNames.Static ? 200 : 202),
        }).ToList();
        var env = EnvironmentLoader.Load("steady").Environment! with { Name = "env" };

        var linucb = TunerBench.Summarise([env], results).Single(s => s.Policy == TunerPolicyNames.LinUcb);

        Assert.Equal(3, linucb.GainOverStatic, 12); // (4 + 2) / 2
        Assert.Equal(7, linucb.Regret, 12); // (6 + 8) / 2
        Assert.Equal(1.01, linucb.WorstHourlyRatioToStatic, 12); // 202/200 at both hours of seed 2
    }
}
