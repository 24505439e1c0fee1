using System.Collections.Immutable;

namespace Lumen.Cli.Bench.Tuner.Anchors;

/// <summary>
/// An environment's anchors: one <see cref="TunerAnchors"/> per seed where the load's bursts make
/// them differ between seeds (<see cref="SeedDependent"/>), else one for every seed. The reported
/// values are means over the seeds computed.
/// </summary>
internal sealed record EnvironmentAnchors(string Environment, bool SeedDependent, ImmutableArray<TunerAnchors> BySeed)
{
    public double Static => BySeed.Average(a => a.Static);

    public double BestFixed => BySeed.Average(a => a.BestFixed);

    public double HourlySchedule => BySeed.Average(a => a.HourlySchedule);

    /// <summary>The time the searches took, summed over services and seeds (CPU time, near enough: they run one per core).</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(BySeed.Sum(a => a.Services.Sum(s => s.Elapsed.Ticks)));

    /// <summary>The anchors a run with <paramref name="seed"/> is measured against.</summary>
    public TunerAnchors For(int seed) => SeedDependent
        ? BySeed.FirstOrDefault(a => a.Seed == seed) ?? throw new ArgumentException($"no anchors for seed {seed} on '{Environment}'", nameof(seed))
        : BySeed[0];
}
