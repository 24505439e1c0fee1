using System.Collections.Immutable;
using Lumen.Cli.Demo;
using Lumen.Core.Canary;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;
using Lumen.Simulator.Environments;
using Lumen.Simulator.World;

namespace Lumen.Cli.Bench;

/// <summary>
/// <c>lumen bench canary</c>: the scenario corpus on the simulator's checkout service replaying the
/// NYC taxi trace (sim/envs/nyc-taxi.yaml), every method checked after every interval:
/// Lumen's judge, Kayenta's Mann–Whitney classifier, and a Flagger-style absolute threshold.
/// </summary>
internal sealed class CanaryBench(int seeds, int maxIntervals)
{
    public const string Service = "checkout";

    /// <summary>Flagger-style: fail after this many consecutive breaching intervals; promote after <see cref="FlaggerIterations"/> clean checks.</summary>
    public const int FlaggerThreshold = 3;

    public const int FlaggerIterations = 10;

    public CanaryStagePolicy Policy { get; } = new(
        "bench", 0.95, 1000, 5, maxIntervals, true,
        [PhaseLabel.Unknown, PhaseLabel.Peak, PhaseLabel.Falling, PhaseLabel.Trough, PhaseLabel.Rising],
        new CanaryGates(new RatioGate(1.10), new RatioGate(1.5), false), 0);

    /// <summary>The dev stage's SLO from config/stage_matrix.yaml: the default checkout's p95 (≈ 263 ms) is
    /// within it, so the comparison is about relative regressions, as in a canary of a healthy service.</summary>
    public Slo Slo { get; } = new(600, 0.05, 0.5);

    /// <summary>The fixed-horizon test's length in intervals, measured during the A/A runs.</summary>
    public double FixedHorizonIntervals { get; private set; } = double.NaN;

    public IReadOnlyList<CanaryBenchMethodResult> Run(IEnumerable<CanaryBenchScenario> scenarios)
    {
        var loaded = SimEnvironments.Loader.LoadEmbedded("nyc-taxi");
        if (!loaded.IsValid)
        {
            throw new InvalidOperationException("the embedded nyc-taxi environment does not load: " + string.Join("; ", loaded.Errors));
        }

        var results = new List<CanaryBenchMethodResult>();
        foreach (var scenario in scenarios)
        {
            var environment = Environment(loaded.Environment, scenario);
            var runs = Enumerable.Range(0, seeds).Select(seed => RunOne(environment, (ulong)seed + 1)).ToList();
            if (scenario.Name == "A/A")
            {
                FixedHorizonIntervals = FixedHorizon(runs);
            }

            results.Add(Summarise(scenario, "lumen", runs.Select(r => r.Lumen)));
            results.Add(Summarise(scenario, "kayenta-mw", runs.Select(r => r.Kayenta)));
            results.Add(Summarise(scenario, "flagger", runs.Select(r => r.Flagger)));
        }

        return results;
    }

    internal static SimEnvironment Environment(SimEnvironment nyc, CanaryBenchScenario scenario)
    {
        var services = nyc.Services.Select(s => s.Name == Service && s.Load is TraceLoadSpec trace ? s with { Load = trace with { PeakRps = scenario.PeakRps } } : s).ToImmutableArray();
        var plain = nyc with { Services = services, Regressions = [] };
        var factor = scenario.P95Increase > 0 ? CalibrateLatency(plain, 1 + scenario.P95Increase) : 1;
        var world = new SimulatedWorld(plain, 1);
        world.Advance();
        var extra = (scenario.ErrorFactor - 1) * world.Expected(Service, CanaryTrack.Baseline).ErrorRate;
        return factor == 1 && extra == 0 ? plain : plain with { Regressions = [new RegressionSpec(Service, CanaryTrack.Canary, TimeSpan.Zero, factor, extra)] };
    }

    /// <summary>The service-time factor that raises the model's noise-free canary p95 by the wanted ratio (bisection).</summary>
    private static double CalibrateLatency(SimEnvironment plain, double wanted)
    {
        double lo = 1, hi = wanted * 2;
        for (var i = 0; i < 40; i++)
        {
            var mid = (lo + hi) / 2;
            var world = new SimulatedWorld(plain with { Regressions = [new RegressionSpec(Service, CanaryTrack.Canary, TimeSpan.Zero, mid, 0)] }, 1);
            world.Advance(10);
            var ratio = world.Expected(Service, CanaryTrack.Canary).P95Ms / world.Expected(Service, CanaryTrack.Baseline).P95Ms;
            (lo, hi) = ratio < wanted ? (mid, hi) : (lo, mid);
        }

        return (lo + hi) / 2;
    }

    private CanaryBenchRun RunOne(SimEnvironment environment, ulong seed)
    {
        var world = new SimulatedWorld(environment, seed);
        var judge = new CanaryJudge(Policy, Slo);
        (CanaryOutcome Outcome, int At)? lumen = null, kayenta = null, flagger = null;
        var kayentaP95 = (Canary: new List<double>(), Baseline: new List<double>());
        var kayentaErr = (Canary: new List<double>(), Baseline: new List<double>());
        var consecutive = 0;
        for (var t = 1; t <= maxIntervals && (lumen is null || kayenta is null || flagger is null); t++)
        {
            world.Advance();
            var records = world.IntervalRecords().Where(r => r.Service == Service).ToList();
            var baseline = records.Single(r => r.Track == CanaryTrack.Baseline);
            var canary = records.Single(r => r.Track == CanaryTrack.Canary);
            if (lumen is null)
            {
                var verdict = judge.Observe(new CanaryInterval(baseline.Timestamp, baseline, canary));
                if (verdict.IsFinal)
                {
                    lumen = (verdict.Outcome, t);
                }
            }

            if (kayenta is null && baseline.Requests > 0 && canary.Requests > 0)
            {
                kayentaP95.Canary.Add(LatencyHistogram.Quantile(canary.Buckets.AsSpan(), 0.95));
                kayentaP95.Baseline.Add(LatencyHistogram.Quantile(baseline.Buckets.AsSpan(), 0.95));
                kayentaErr.Canary.Add((double)canary.Errors / canary.Requests);
                kayentaErr.Baseline.Add((double)baseline.Errors / baseline.Requests);
                if (t >= Policy.MinIntervals && (KayentaMannWhitney.IsHigh(kayentaP95.Canary, kayentaP95.Baseline, 0.98) || KayentaMannWhitney.IsHigh(kayentaErr.Canary, kayentaErr.Baseline, 0.98)))
                {
                    kayenta = (CanaryOutcome.Fail, t);
                }
            }

            if (kayenta is null && t == maxIntervals)
            {
                kayenta = (CanaryOutcome.Pass, t);
            }

            if (flagger is null)
            {
                var breach = canary.Requests > 0 && (LatencyHistogram.Quantile(canary.Buckets.AsSpan(), 0.95) * 1000 > Slo.LatencyP95Ms || (double)canary.Errors / canary.Requests > Slo.ErrorRate);
                consecutive = breach ? consecutive + 1 : 0;
                flagger = consecutive >= FlaggerThreshold ? (CanaryOutcome.Fail, t) : t >= FlaggerIterations ? (CanaryOutcome.Pass, t) : null;
            }
        }

        var events = (Errors: judge.BaselineErrors + judge.CanaryErrors, Split: (double)judge.CanaryRequests / Math.Max(1, judge.CanaryRequests + judge.BaselineRequests), judge.IntervalsUsed, judge.LatencyPlan);
        return new CanaryBenchRun(lumen ?? (CanaryOutcome.Inconclusive, maxIntervals), kayenta ?? (CanaryOutcome.Pass, maxIntervals), flagger ?? (CanaryOutcome.Inconclusive, maxIntervals), events.Errors, events.Split, events.IntervalsUsed, events.LatencyPlan);
    }

    /// <summary>
    /// The intervals a fixed-horizon (look-once) test needs for 95 % power at one-sided α/2 per
    /// relative gate against the planned effect (errors ×2 against the 1.5 margin), from the A/A
    /// runs' mean error events per interval and split: the normal-approximation sample size of a
    /// one-sample binomial test on the canary's share of events (the same conditional model the judge uses).
    /// </summary>
    private double FixedHorizon(List<CanaryBenchRun> runs)
    {
        var eventsPerInterval = runs.Average(r => (double)r.Errors / Math.Max(1, r.Intervals));
        var s = runs.Average(r => r.Split);
        static double Share(double rho, double s) => rho * s / ((rho * s) + 1 - s);
        var p0 = Share(Policy.Gates.ErrorRate.MaxRatio, s);
        var p1 = Share(2.0, s);
        var za = Normal.Quantile(1 - ((1 - Policy.Confidence) / 2));
        var zb = Normal.Quantile(0.95);
        var n = Math.Pow(((za * Math.Sqrt(p0 * (1 - p0))) + (zb * Math.Sqrt(p1 * (1 - p1)))) / (p1 - p0), 2);
        return Math.Max(Policy.MinIntervals, Math.Ceiling(n / eventsPerInterval));
    }

    private static CanaryBenchMethodResult Summarise(CanaryBenchScenario scenario, string method, IEnumerable<(CanaryOutcome Outcome, int At)> runs)
    {
        var list = runs.ToList();
        var fails = list.Where(r => r.Outcome == CanaryOutcome.Fail).Select(r => (double)r.At).ToList();
        var decided = list.Where(r => r.Outcome != CanaryOutcome.Inconclusive).Select(r => (double)r.At).ToList();
        return new CanaryBenchMethodResult(
            scenario.Name, method, list.Count, fails.Count, list.Count(r => r.Outcome == CanaryOutcome.Pass), list.Count(r => r.Outcome == CanaryOutcome.Inconclusive),
            Median(fails), Median(decided));
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
