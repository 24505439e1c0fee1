using System.Collections.Immutable;
using Lumen.Cli.Bench.Tuner;
using Lumen.Cli.Bench.Tuner.Anchors;

namespace Lumen.Cli.Tests.Bench;

public sealed class TunerScoringTests
{
    // Two days of 2 ticks an hour → 48 hours; static earns 1 per hour, best fixed 2, the schedule 2.5.
    private static readonly RunTicks Ticks = new(96, 2);

    [Fact]
    public void GapClosed_IsTheShareOfTheStaticToBestFixedGap()
    {
        Assert.Equal(0.25, TunerScoring.GapClosed(reward: 110, @static: 100, bestFixed: 140), 12);
        Assert.Equal(-0.5, TunerScoring.GapClosed(reward: 80, @static: 100, bestFixed: 140), 12);
        Assert.True(double.IsNaN(TunerScoring.GapClosed(reward: 100, @static: 100, bestFixed: 100)));
    }

    [Fact]
    public void GapClosedPaired_SubtractsTheStaticRunNotTheAnchor()
    {
        // The static run earned 104 where the anchor says 100 (load noise): 110 closes 6 of 40, not 10.
        Assert.Equal(0.15, TunerScoring.GapClosed(reward: 110, staticRun: 104, @static: 100, bestFixed: 140), 12);
    }

    [Fact]
    public void HoursAtLeast_ComparesEachHourWithStaticsSameHour_NotCumulative()
    {
        // Hour 2 falls to 0.9 × static's; a cumulative ratio (2.9 / 3 ≈ 0.967) would hide it.
        ImmutableArray<double> run = [1.0, 1.0, 0.9, 1.2];
        ImmutableArray<double> @static = [1.0, 1.0, 1.0, 1.0];

        Assert.Equal(0.75, TunerScoring.HoursAtLeast([(run, @static)], 0.95), 12);
        Assert.Equal(1.0, TunerScoring.HoursAtLeast([(run, @static)], 0.9), 12); // ≥, not >
    }

    [Fact]
    public void Summarise_ConstructedRuns_GapHoursCurveAndPairedDifferences()
    {
        var anchors = new EnvironmentAnchors("env", false, [Anchors(seed: 1)]);
        // Policy "lumen": day 1 at static (1/h), day 2 at best fixed (2/h) except one hour at 0.5.
        double[] learnt = [.. Enumerable.Repeat(1.0, 24), .. Enumerable.Repeat(2.0, 23), 0.5];
        var results = new[]
        {
            Run(TunerPolicyNames.Static, 1, Enumerable.Repeat(1.0, 48)),
            Run(TunerPolicyNames.Static, 2, Enumerable.Repeat(1.0, 48)),
            Run(TunerPolicyNames.Lumen, 1, learnt),
            Run(TunerPolicyNames.Lumen, 2, learnt.Select(v => v + 0.5)),
        };

        var summaries = TunerScoring.Summarise([anchors], results);

        Assert.Equal([TunerPolicyNames.Static, TunerPolicyNames.Lumen], summaries.Select(s => s.Policy));
        var @static = summaries[0];
        Assert.Equal(0, @static.GapClosed, 12);
        Assert.Equal(1, @static.HoursAtLeast095Static, 12);
        Assert.Equal(0, @static.PairedDiffVsStatic, 12);
        var lumen = summaries[1];
        // Seed 1: 24 + 46 + 0.5 = 70.5; seed 2: 70.5 + 24 = 94.5. Static 48, best fixed 96.
        Assert.Equal(82.5, lumen.Reward, 12);
        Assert.Equal((82.5 - 48) / (96 - 48), lumen.GapClosed, 12);
        Assert.Equal(0.25, lumen.GapClosedStdError, 12); // per seed 22.5/48 and 46.5/48: sd 0.354, ÷ √2
        // Seed 1's last hour (0.5 < 0.95) is the only hour below the floor: 95 of 96.
        Assert.Equal(95.0 / 96, lumen.HoursAtLeast095Static, 12);
        Assert.Equal(95.0 / 96, lumen.HoursAtLeast095StaticRun, 12);
        Assert.Equal(34.5 / 48, lumen.GapClosedPaired, 12); // the static runs sit exactly on the static anchor here
        Assert.Equal(0.5, lumen.WorstHourRatioToStatic, 12);
        // Day 1: (0 + 12) / (24 + 24); day 2: (22.5 + 34.5) / 48.
        Assert.Equal([12.0 / 48, 57.0 / 48], lumen.LearningCurve.Select(v => Math.Round(v, 12)));
        Assert.Equal(34.5, lumen.PairedDiffVsStatic, 12); // (22.5 + 46.5) / 2
        Assert.Equal(12, lumen.PairedDiffVsStaticStdError, 12); // sd 16.97 / √2
        Assert.True(double.IsNaN(lumen.RegretVsOracle)); // no oracle run
    }

    [Fact]
    public void Summarise_SeedDependentAnchors_EachRunAgainstItsOwnSeed()
    {
        var anchors = new EnvironmentAnchors("env", true, [Anchors(seed: 1), Anchors(seed: 2, scale: 2)]);
        var results = new[]
        {
            Run(TunerPolicyNames.Random, 1, Enumerable.Repeat(1.5, 48)), // halfway on seed 1 (static 1/h, best fixed 2/h)
            Run(TunerPolicyNames.Random, 2, Enumerable.Repeat(1.5, 48)), // below static on seed 2 (static 2/h, best fixed 4/h)
        };

        var random = TunerScoring.Summarise([anchors], results).Single();

        // Pooled: (72 + 72 − 48 − 96) ÷ (96 + 192 − 48 − 96) = 0; against seed 1's anchors alone it would be 0.5.
        Assert.Equal(0, random.GapClosed, 12);
        Assert.Equal(0.5, random.HoursAtLeast095Static, 12); // seed 2's hours are at 0.75 × its static
        Assert.Equal(0.75, random.WorstHourRatioToStatic, 12);
        Assert.True(double.IsNaN(random.GapClosedPaired)); // no static run to pair with
    }

    private static TunerAnchors Anchors(int seed, double scale = 1)
    {
        var hours = Ticks.Hours;
        var service = new ServiceAnchor("api", [new KnobSetting("concurrency_limit", 36)],
            [.. Enumerable.Repeat(1.0 * scale, hours)], [.. Enumerable.Repeat(2.0 * scale, hours)],
            [.. Enumerable.Repeat<ImmutableArray<KnobSetting>>([new KnobSetting("concurrency_limit", 36)], hours)],
            [.. Enumerable.Repeat(2.5 * scale, hours)], 0, TimeSpan.Zero);
        return new TunerAnchors("env", seed, Ticks, [service]);
    }

    private static TunerRunResult Run(string policy, int seed, IEnumerable<double> hourly)
    {
        ImmutableArray<double> hours = [.. hourly];
        return new TunerRunResult("env", policy, seed, hours.Sum(), hours, 0, 0, 0, 0, 0, 0, 0, null);
    }
}
