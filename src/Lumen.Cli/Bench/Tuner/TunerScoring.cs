using System.Collections.Immutable;
using Lumen.Cli.Bench.Tuner.Anchors;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>
/// Turns runs and anchors into the benchmark's measures (docs/benchmarks-tuner.md "Measures"):
/// pure arithmetic, tested on constructed results.
/// </summary>
internal static class TunerScoring
{
    /// <summary>The per-hour floor of <see cref="TunerPolicySummary.HoursAtLeast095Static"/>.</summary>
    public const double HourFloor = 0.95;

    /// <summary>Every policy present in <paramref name="results"/>, per environment, in report order.</summary>
    public static IReadOnlyList<TunerPolicySummary> Summarise(IReadOnlyList<EnvironmentAnchors> anchors, IReadOnlyList<TunerRunResult> results)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(results);
        var summaries = new List<TunerPolicySummary>();
        foreach (var environment in anchors)
        {
            var runs = results.Where(r => r.Environment == environment.Environment).ToList();
            var bySeed = runs.GroupBy(r => r.Seed).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Policy, StringComparer.Ordinal));
            foreach (var policy in TunerPolicyNames.All)
            {
                var mine = runs.Where(r => r.Policy == policy).OrderBy(r => r.Seed).ToList();
                if (mine.Count == 0)
                {
                    continue;
                }

                var pairs = mine.Select(r => (Run: r, Anchors: environment.For(r.Seed))).ToList();
                var (vsStatic, vsStaticError) = Paired(mine, bySeed, TunerPolicyNames.Static, (run, other) => run.Reward - other.Reward);
                var (regret, regretError) = Paired(mine, bySeed, TunerPolicyNames.Oracle, (run, other) => other.Reward - run.Reward);
                var staticRuns = mine.Select(r => bySeed[r.Seed].GetValueOrDefault(TunerPolicyNames.Static)).ToList();
                var pairedComplete = staticRuns.All(r => r is not null);
                var hours = pairs.SelectMany(p => p.Run.HourlyReward.Select((reward, h) => reward / p.Anchors.StaticHourly[h])).ToList();
                summaries.Add(new TunerPolicySummary(environment.Environment, policy, mine.Count,
                    mine.Average(r => r.Reward),
                    GapClosed(pairs.Sum(p => p.Run.Reward), pairs.Sum(p => p.Anchors.Static), pairs.Sum(p => p.Anchors.BestFixed)),
                    StdError([.. pairs.Select(p => GapClosed(p.Run.Reward, p.Anchors.Static, p.Anchors.BestFixed))]),
                    pairedComplete
                        ? GapClosed(pairs.Sum(p => p.Run.Reward), staticRuns.Sum(r => r!.Reward), pairs.Sum(p => p.Anchors.Static), pairs.Sum(p => p.Anchors.BestFixed))
                        : double.NaN,
                    HoursAtLeast(pairs.Select(p => (p.Run.HourlyReward, p.Anchors.StaticHourly)).ToList(), HourFloor),
                    pairedComplete ? HoursAtLeast(mine.Select((r, i) => (r.HourlyReward, staticRuns[i]!.HourlyReward)).ToList(), HourFloor) : double.NaN,
                    hours.DefaultIfEmpty(double.NaN).Min(),
                    LearningCurve(pairs.Select(p => (p.Run.HourlyReward, p.Anchors)).ToList()),
                    vsStatic, vsStaticError, regret, regretError,
                    mine.Average(r => r.SloMargin), mine.Average(r => r.SloViolationMinutes), mine.Average(r => r.Adjustments),
                    mine.Average(r => r.BrakeRollbacks), mine.Average(r => r.Expired), mine.Average(r => r.Rewards)));
            }
        }

        return summaries;
    }

    /// <summary>(reward − static) ÷ (best_fixed − static); NaN when best_fixed does not beat static (no gap to close).</summary>
    public static double GapClosed(double reward, double @static, double bestFixed) =>
        bestFixed > @static ? (reward - @static) / (bestFixed - @static) : double.NaN;

    /// <summary>(reward − static run) ÷ (best_fixed − static anchor): the gap closed measured against the static run of the same seeds.</summary>
    public static double GapClosed(double reward, double staticRun, double @static, double bestFixed) =>
        bestFixed > @static ? (reward - staticRun) / (bestFixed - @static) : double.NaN;

    /// <summary>
    /// The share of hours, over all runs, whose reward is ≥ <paramref name="floor"/> × the static
    /// anchor's reward in the same hour (per hour, not cumulative; every hour counts, warm-up included).
    /// </summary>
    public static double HoursAtLeast(IReadOnlyList<(ImmutableArray<double> Hourly, ImmutableArray<double> StaticHourly)> runs, double floor)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var total = 0;
        var met = 0;
        foreach (var (hourly, staticHourly) in runs)
        {
            for (var h = 0; h < hourly.Length; h++)
            {
                total++;
                if (hourly[h] >= floor * staticHourly[h])
                {
                    met++;
                }
            }
        }

        return total == 0 ? double.NaN : (double)met / total;
    }

    /// <summary>The gap closed in each simulated day (the last possibly partial), pooled over runs: Σ (reward − static) ÷ Σ (best_fixed − static) over that day's hours.</summary>
    public static ImmutableArray<double> LearningCurve(IReadOnlyList<(ImmutableArray<double> Hourly, TunerAnchors Anchors)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            return [];
        }

        var days = runs[0].Anchors.Ticks.Days;
        var gained = new double[days];
        var gap = new double[days];
        foreach (var (hourly, anchors) in runs)
        {
            var @static = anchors.StaticHourly;
            var best = anchors.BestFixedHourly;
            for (var h = 0; h < hourly.Length; h++)
            {
                var day = h / RunTicks.HoursPerDay;
                gained[day] += hourly[h] - @static[h];
                gap[day] += best[h] - @static[h];
            }
        }

        return [.. gained.Select((g, d) => gap[d] > 0 ? g / gap[d] : double.NaN)];
    }

    public static double StdError(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2 || values.Any(double.IsNaN))
        {
            return double.NaN;
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return Math.Sqrt(variance / values.Count);
    }

    private static (double Mean, double StdError) Paired(IReadOnlyList<TunerRunResult> mine, Dictionary<int, Dictionary<string, TunerRunResult>> bySeed,
        string other, Func<TunerRunResult, TunerRunResult, double> difference)
    {
        var diffs = mine.Where(r => bySeed[r.Seed].ContainsKey(other)).Select(r => difference(r, bySeed[r.Seed][other])).ToList();
        return diffs.Count < mine.Count ? (double.NaN, double.NaN) : (diffs.Average(), StdError(diffs));
    }
}
