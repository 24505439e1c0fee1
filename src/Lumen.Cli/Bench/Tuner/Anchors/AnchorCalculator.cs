using System.Collections.Immutable;
using System.Diagnostics;
using Lumen.Core.Canary;
using Lumen.Simulator.Environments;
using Lumen.Simulator.World;

namespace Lumen.Cli.Bench.Tuner.Anchors;

/// <summary>
/// Computes an environment's anchors (docs/benchmarks-tuner.md "Anchors") on the simulator's
/// noise-free model, <see cref="SimulatedWorld.SteadyHealth"/> of the canary track, over the same
/// ticks as a run. Services are independent, so each is optimised on its own. The searches score a
/// configuration on every <see cref="SearchStride"/>-th tick (<see cref="HourSearchStride"/>-th within
/// an hour); every reported value is the exact sum over all ticks, and the configuration reported
/// is the exactly better of the search's and the defaults (for an hour: of the hour's search, the
/// best fixed configuration and the defaults), so best_fixed ≥ static and hourly_schedule ≥ best_fixed
/// hold exactly, whatever the subsampling missed.
/// </summary>
internal static class AnchorCalculator
{
    /// <summary>The best-fixed search scores every 4th tick (every 2 min at 30 s ticks).</summary>
    public const int SearchStride = 4;

    /// <summary>The per-hour search scores every 2nd tick of the hour.</summary>
    public const int HourSearchStride = 2;

    /// <summary>The per-hour search's coarse grid (5³ = 125 points), started also from the best fixed configuration and the previous hour's.</summary>
    public const int HourCoarsePoints = 5;

    /// <summary>Whether anchors differ between seeds: only the bursts of the load are drawn per seed.</summary>
    public static bool SeedDependent(SimEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.Services.Any(s => s.Load.Bursts.PerDay > 0 && s.Load.Bursts.Factor != 1);
    }

    /// <summary>
    /// The anchors of every environment for <paramref name="seeds"/> (one computation per
    /// environment when its anchors do not depend on the seed), one service at a time on up to
    /// <paramref name="parallelism"/> cores.
    /// </summary>
    public static ImmutableArray<EnvironmentAnchors> ComputeAll(IReadOnlyList<SimEnvironment> environments, IReadOnlyList<int> seeds, double days,
        int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environments);
        ArgumentNullException.ThrowIfNull(seeds);
        var jobs = environments
            .SelectMany(e => (SeedDependent(e) ? seeds : seeds.Take(1)).SelectMany(seed => e.Services.Select(s => (Environment: e, Seed: seed, Service: s.Name))))
            .ToArray();
        var results = new ServiceAnchor[jobs.Length];
        Parallel.For(0, jobs.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, i =>
        {
            var ticks = RunTicks.For(days, jobs[i].Environment.TickSeconds);
            results[i] = ComputeService(jobs[i].Environment, jobs[i].Seed, jobs[i].Service, ticks);
        });
        return
        [
            .. environments.Select(e => new EnvironmentAnchors(e.Name, SeedDependent(e),
            [
                .. jobs.Select((job, i) => (job, i)).Where(p => p.job.Environment == e).GroupBy(p => p.job.Seed)
                    .Select(g => new TunerAnchors(e.Name, g.Key, RunTicks.For(days, e.TickSeconds), [.. g.Select(p => results[p.i])])),
            ])),
        ];
    }

    /// <summary>The anchors of one environment for one seed, computed here and now (one service after another).</summary>
    public static TunerAnchors Compute(SimEnvironment environment, int seed, double days)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var ticks = RunTicks.For(days, environment.TickSeconds);
        return new TunerAnchors(environment.Name, seed, ticks, [.. environment.Services.Select(s => ComputeService(environment, seed, s.Name, ticks))]);
    }

    public static ServiceAnchor ComputeService(SimEnvironment environment, int seed, string service, RunTicks ticks)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var stopwatch = Stopwatch.StartNew();
        var world = new SimulatedWorld(environment, (ulong)seed);
        var spec = world.Spec(service);
        var axes = spec.Knobs.Select(k => new KnobAxis(k.Name, k.Min, k.Max, k.Step)).ToArray();
        double[] defaults = [.. spec.Knobs.Select(k => k.Default)];

        double Health(ReadOnlySpan<double> knobs, long tick) => world.SteadyHealth(service, CanaryTrack.Canary, knobs, tick);

        double Sampled(ReadOnlySpan<double> knobs, long first, long last, int stride)
        {
            var sum = 0.0;
            for (var t = first; t <= last; t += stride)
            {
                sum += Health(knobs, t);
            }

            return sum;
        }

        double[] Hourly(double[] knobs)
        {
            var hours = new double[ticks.Hours];
            for (long t = 1; t <= ticks.Count; t++)
            {
                hours[ticks.HourOf(t)] += Health(knobs, t);
            }

            return hours;
        }

        var search = new AnchorSearch();
        var found = search.Maximise(axes, k => Sampled(k, 1, ticks.Count, SearchStride), [defaults]);
        var staticHourly = Hourly(defaults);
        var foundHourly = Hourly([.. found.Values]);
        var (bestFixed, bestFixedHourly) = foundHourly.Sum() > staticHourly.Sum() ? ([.. found.Values], foundHourly) : (defaults, staticHourly);
        var evaluations = found.Evaluations;

        var hourSearch = new AnchorSearch(HourCoarsePoints);
        var schedule = new ImmutableArray<KnobSetting>[ticks.Hours];
        var scheduleHourly = new double[ticks.Hours];
        var previous = bestFixed;
        for (var h = 0; h < ticks.Hours; h++)
        {
            var (first, last) = ticks.HourRange(h);
            var hour = hourSearch.Maximise(axes, k => Sampled(k, first, last, HourSearchStride), [bestFixed, previous, defaults]);
            evaluations += hour.Evaluations;
            double[] pick = [.. hour.Values];
            var exact = Sampled(pick, first, last, 1);
            (pick, exact) = exact > bestFixedHourly[h] ? (pick, exact) : (bestFixed, bestFixedHourly[h]);
            (pick, exact) = exact >= staticHourly[h] ? (pick, exact) : (defaults, staticHourly[h]);
            schedule[h] = Settings(axes, pick);
            scheduleHourly[h] = exact;
            previous = pick;
        }

        return new ServiceAnchor(service, Settings(axes, bestFixed), [.. staticHourly], [.. bestFixedHourly], [.. schedule], [.. scheduleHourly],
            evaluations, stopwatch.Elapsed);
    }

    private static ImmutableArray<KnobSetting> Settings(KnobAxis[] axes, double[] values) =>
        [.. axes.Select((a, i) => new KnobSetting(a.Name, values[i]))];
}
