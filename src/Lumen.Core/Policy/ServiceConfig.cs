using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>One service: how to read its SLIs and how to set its knobs.</summary>
/// <param name="Window">The range used for <c>rate()</c>: replaces <c>$window</c> in the SLI templates.</param>
public sealed record ServiceConfig(
    string Name,
    PromDuration Window,
    SliQueries Sli,
    ImmutableArray<KnobSpec> Knobs,
    ServiceExecutors Executors)
{
    /// <summary>
    /// The length of the service's traffic cycle (<c>rhythm_period</c>), which also sets how much history
    /// <c>lumen run</c> backfills at start; null = the loop's default (24 h). At least 1 h.
    /// </summary>
    public PromDuration? RhythmPeriod { get; init; }

    /// <summary>The Flagger canaries / Argo rollouts that are this service (<c>rollout:</c>); null = none (docs/rollout-tools.md).</summary>
    public RolloutMapping? Rollout { get; init; }

    public KnobSpec? FindKnob(string name) =>
        Knobs.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));
}
