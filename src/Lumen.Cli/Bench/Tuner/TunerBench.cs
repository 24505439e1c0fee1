using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Lumen.Cli.Bench.Tuner.Anchors;
using Lumen.Simulator.Environments;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>
/// <c>lumen bench tuner</c> (docs/benchmarks-tuner.md): first the anchors of every environment
/// (<see cref="AnchorCalculator"/>), then every chosen policy on every environment and seed through
/// the same loop and guard, both spread over <paramref name="parallelism"/> cores. Conservative
/// LinUCB starts from the models a LinUCB run learnt on the same environment with another seed (a
/// prod stage inherits the model of the stages before it; cold, it never acts).
/// </summary>
internal sealed class TunerBench(int seeds, double days, int parallelism, IReadOnlyList<string>? policies = null)
{
    /// <summary>The training run for conservative LinUCB uses seed + this offset.</summary>
    public const int TrainingSeedOffset = 100_000;

    private readonly ImmutableArray<string> _policies = policies is null
        ? TunerPolicyNames.All
        : [.. TunerPolicyNames.All.Where(p => policies.Contains(p, StringComparer.Ordinal))];

    public async Task<TunerBenchReport> RunAsync(IReadOnlyList<SimEnvironment> environments, Action<string>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environments);
        var stopwatch = Stopwatch.StartNew();
        var anchors = AnchorCalculator.ComputeAll(environments, [.. Enumerable.Range(1, seeds)], days, parallelism, cancellationToken);
        var anchorWall = stopwatch.Elapsed;
        progress?.Invoke($"anchors: {anchorWall.TotalSeconds:0.0} s");

        var results = new ConcurrentBag<TunerRunResult>();
        var jobs = environments.SelectMany(e => Enumerable.Range(1, seeds).Select(s => (Environment: e, Seed: s))).ToList();
        var done = 0;
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (job, ct) =>
            {
                foreach (var policy in _policies)
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
        return new TunerBenchReport(anchors, TunerScoring.Summarise(anchors, [.. results]), anchorWall);
    }
}
