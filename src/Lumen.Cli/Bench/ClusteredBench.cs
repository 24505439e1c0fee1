using System.Collections.Immutable;
using Lumen.Cli.Demo;
using Lumen.Core.Canary;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;
using Lumen.Simulator.Environments;
using Lumen.Simulator.World;

namespace Lumen.Cli.Bench;

/// <summary>
/// The clustered suite of <c>lumen bench canary</c>: Lumen's judge on records whose errors and slow
/// requests come in clusters (<see cref="ClusteredTraffic"/>), at low load with the prod stage's policy
/// and at the NYC-taxi trace load with the main corpus' policy, beside an oracle SPRT for detection time.
/// </summary>
internal sealed class ClusteredBench(int seeds, int generatedIntervals, int traceIntervals)
{
    private static readonly ImmutableArray<PhaseLabel> Phases = [PhaseLabel.Unknown, PhaseLabel.Peak, PhaseLabel.Falling, PhaseLabel.Trough, PhaseLabel.Rising];

    /// <summary>The prod stage's canary policy (config/canary_policy.yaml) at confidence 1 − α.</summary>
    public CanaryStagePolicy Prod(double alpha) =>
        new("prod", 1 - alpha, 2000, 10, generatedIntervals, true, Phases, new CanaryGates(new RatioGate(1.05), new RatioGate(1.25), false), 15);

    /// <summary>The prod stage's SLO (config/stage_matrix.yaml).</summary>
    public static Slo ProdSlo { get; } = new(400, 0.02, 0.6);

    public IReadOnlyList<ClusteredBenchResult> Run(IEnumerable<ClusteredScenario> scenarios)
    {
        var results = new List<ClusteredBenchResult>();
        SimEnvironment? nyc = null;
        foreach (var scenario in scenarios)
        {
            List<ClusteredBenchOutcome> runs;
            if (scenario.Rps > 0)
            {
                runs = [.. Enumerable.Range(0, seeds).Select(seed => Generated(scenario, 5000 + seed))];
            }
            else
            {
                nyc ??= LoadNyc();
                var environment = CanaryBench.Environment(nyc, new CanaryBenchScenario(scenario.Name, 0, 1, 2600, scenario.ShouldFail));
                runs = [.. Enumerable.Range(0, seeds).Select(seed => Trace(environment, scenario, (ulong)seed + 1))];
            }

            results.Add(Summarise(scenario, runs));
        }

        return results;
    }

    private static SimEnvironment LoadNyc()
    {
        var loaded = SimEnvironments.Loader.LoadEmbedded("nyc-taxi");
        return loaded.IsValid ? loaded.Environment : throw new InvalidOperationException("the embedded nyc-taxi environment does not load: " + string.Join("; ", loaded.Errors));
    }

    private ClusteredBenchOutcome Generated(ClusteredScenario scenario, int seed)
    {
        var policy = Prod(scenario.Alpha);
        return Judge(policy, ProdSlo, scenario, new ClusteredTraffic(scenario, seed).Intervals(generatedIntervals));
    }

    private ClusteredBenchOutcome Trace(SimEnvironment environment, ClusteredScenario scenario, ulong seed)
    {
        var bench = new CanaryBench(1, traceIntervals);
        var policy = bench.Policy with { Confidence = 1 - scenario.Alpha };
        return Judge(policy, bench.Slo, scenario, TraceIntervals(environment, scenario, seed));
    }

    /// <summary>The simulator's records with the errors redrawn in clusters at the model's expected rate (the canary's × factor).</summary>
    private IEnumerable<ClusteredInterval> TraceIntervals(SimEnvironment environment, ClusteredScenario scenario, ulong seed)
    {
        var world = new SimulatedWorld(environment, seed);
        var overlay = new ClusteredTraffic(scenario, (int)seed + 9000);
        for (var t = 1; t <= traceIntervals; t++)
        {
            long canaryClusters, baselineClusters;
            world.Advance();
            var records = world.IntervalRecords().Where(r => r.Service == CanaryBench.Service).ToList();
            var baseline = records.Single(r => r.Track == CanaryTrack.Baseline);
            var canary = records.Single(r => r.Track == CanaryTrack.Canary);
            var rate = world.Expected(CanaryBench.Service, CanaryTrack.Baseline).ErrorRate;
            baseline = baseline with { Errors = overlay.Errors(baseline.Requests, rate, scenario.ErrorClusterMean) };
            baselineClusters = overlay.LastErrorClusters;
            canary = canary with { Errors = overlay.Errors(canary.Requests, rate * scenario.ErrorFactor, scenario.ErrorClusterMean) };
            canaryClusters = overlay.LastErrorClusters;
            yield return new ClusteredInterval(new CanaryInterval(baseline.Timestamp, baseline, canary), canaryClusters, baselineClusters);
        }
    }

    private static ClusteredBenchOutcome Judge(CanaryStagePolicy policy, Slo slo, ClusteredScenario scenario, IEnumerable<ClusteredInterval> intervals)
    {
        var judge = new CanaryJudge(policy, slo);
        var oracle = scenario.ErrorFactor > policy.Gates.ErrorRate.MaxRatio ? new OracleSprt(policy.Gates.ErrorRate.MaxRatio, scenario.ErrorFactor, judge.FailAt) : null;
        int? oracleAt = null;
        CanaryVerdict? verdict = null;
        var t = 0;
        foreach (var (interval, canaryClusters, baselineClusters) in intervals)
        {
            t++;
            if (oracle is not null && oracleAt is null)
            {
                // The oracle sees the independent units: error clusters, each the canary's with probability p(ρ, s).
                oracle.Observe(canaryClusters, baselineClusters, interval.Canary.Requests, interval.Baseline.Requests);
                oracleAt = oracle.Crossed ? t : null;
            }

            if (verdict is null || !verdict.IsFinal)
            {
                verdict = judge.Observe(interval);
            }

            if (verdict.IsFinal && (oracle is null || oracleAt is not null))
            {
                break;
            }
        }

        verdict ??= judge.Snapshot();
        var failed = verdict.Outcome == CanaryOutcome.Fail ? string.Join("+", verdict.Gates.Where(g => g.Outcome == CanaryOutcome.Fail).Select(g => g.Gate)) : "";
        var waiting = verdict.Outcome == CanaryOutcome.Inconclusive ? string.Join("+", verdict.Gates.Where(g => g.Outcome == CanaryOutcome.Inconclusive).Select(g => g.Gate)) : "";
        return new ClusteredBenchOutcome(verdict.Outcome, verdict.IntervalsSeen, oracleAt, judge.ErrorModel, judge.LatencyModel, failed, waiting);
    }

    private static ClusteredBenchResult Summarise(ClusteredScenario scenario, List<ClusteredBenchOutcome> runs)
    {
        var fails = runs.Where(r => r.Verdict == CanaryOutcome.Fail).Select(r => (double)r.At).ToList();
        var oracle = runs.Where(r => r.OracleAt is not null).Select(r => (double)r.OracleAt!.Value).ToList();
        var lumenMedian = Median(fails);
        var oracleMedian = Median(oracle);
        var gates = runs.Where(r => r.FailedGates.Length > 0).GroupBy(r => r.FailedGates).OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} ×{g.Count()}");
        var waiting = runs.Where(r => r.WaitingGates.Length > 0).GroupBy(r => r.WaitingGates).OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} ×{g.Count()}");
        return new ClusteredBenchResult(
            scenario.Name, scenario.Load, scenario.Alpha, runs.Count, fails.Count, runs.Count(r => r.Verdict == CanaryOutcome.Pass), runs.Count(r => r.Verdict == CanaryOutcome.Inconclusive),
            lumenMedian, oracleMedian, oracle.Count, lumenMedian / oracleMedian,
            (double)runs.Count(r => r.ErrorModel?.Independent == true) / runs.Count,
            Median([.. runs.Select(r => r.ErrorModel?.Dispersion ?? double.NaN).Where(double.IsFinite)]),
            Median([.. runs.Select(r => r.LatencyModel?.Dispersion ?? double.NaN).Where(double.IsFinite)]),
            string.Join("; ", gates), string.Join("; ", waiting));
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}
