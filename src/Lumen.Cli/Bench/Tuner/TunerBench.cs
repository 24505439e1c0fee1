using System.Collections.Concurrent;
using Lumen.Simulator.Environments;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>
/// <c>lumen bench tuner</c> (docs/benchmarks-tuner.md): every policy on every environment and
/// seed through the same loop and guard, runs spread over <paramref name="parallelism"/> cores.
/// Conservative LinUCB starts from the models a LinUCB run learnt on the same environment with
/// another seed (a prod stage inherits the model of the stages before it; cold, it never acts).
/// </summary>
internal sealed class TunerBench(int seeds, double days, int parallelism)
{
    /// <summary>The training run for conservative LinUCB uses seed + this offset.</summary>
    public const int TrainingSeedOffset = 100_000;

    public async Task<IReadOnlyList<TunerPolicySummary>> RunAsync(IReadOnlyList<SimEnvironment> environments, Action<string>? progress,
        CancellationToken cancellationToken)
    {
        var results = new ConcurrentBag<TunerRunResult>();
        var jobs = environments.SelectMany(e => Enumerable.Range(1, seeds).Select(s => (Environment: e, Seed: s))).ToList();
        var done = 0;
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (job, ct) =>
            {
                foreach (var policy in TunerPolicyNames.All)
                {
                    string? models = null;
                    if (policy == TunerPolicyNames.ConservativeLinUcb)
                    {
                        var training = await TunerBenchRun.RunAsync(job.Environment, TunerPolicyNames.LinUcb, job.Seed + TrainingSeedOffset, days, null, ct)
                            .ConfigureAwait(false);
                        models = training.Models;
                    }

                    results.Add(await TunerBenchRun.RunAsync(job.Environment, policy, job.Seed, days, models, ct).ConfigureAwait(false));
                }

                progress?.Invoke($"{Interlocked.Increment(ref done)}/{jobs.Count}: {job.Environment.Name} seed {job.Seed}");
            }).ConfigureAwait(false);
        return Summarise(environments, [.. results]);
    }

    public static IReadOnlyList<TunerPolicySummary> Summarise(IReadOnlyList<SimEnvironment> environments, IReadOnlyList<TunerRunResult> results)
    {
        var summaries = new List<TunerPolicySummary>();
        foreach (var environment in environments)
        {
            var runs = results.Where(r => r.Environment == environment.Name).ToList();
            var bySeed = runs.GroupBy(r => r.Seed).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Policy, StringComparer.Ordinal));
            foreach (var policy in TunerPolicyNames.All)
            {
                var mine = runs.Where(r => r.Policy == policy).OrderBy(r => r.Seed).ToList();
                if (mine.Count == 0)
                {
                    continue;
                }

                var gains = mine.Select(r => r.Reward - bySeed[r.Seed][TunerPolicyNames.Static].Reward).ToList();
                var regrets = mine.Select(r => bySeed[r.Seed][TunerPolicyNames.Oracle].Reward - r.Reward).ToList();
                var worst = mine.SelectMany(r => r.HourlyReward.Select((h, i) => h / bySeed[r.Seed][TunerPolicyNames.Static].HourlyReward[i]))
                    .DefaultIfEmpty(double.NaN).Min();
                summaries.Add(new TunerPolicySummary(environment.Name, policy, mine.Count,
                    mine.Average(r => r.Reward), gains.Average(), regrets.Average(), StdError(regrets),
                    mine.Average(r => r.SloViolationMinutes), mine.Average(r => r.Adjustments), mine.Average(r => r.BrakeRollbacks),
                    mine.Average(r => r.Expired), mine.Average(r => r.Rewards), worst));
            }
        }

        return summaries;
    }

    private static double StdError(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return Math.Sqrt(variance / values.Count);
    }
}
