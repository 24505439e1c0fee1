using System.Collections.Immutable;
using Lumen.Core.Sli;

namespace Lumen.Simulator.Environments;

/// <summary>A simulation environment (sim/envs/*.yaml; schema in docs/simulator.md).</summary>
/// <param name="Name">Short name, e.g. <c>steady</c>.</param>
/// <param name="Description">One line for people.</param>
/// <param name="Source">Where it was loaded from (a path, or <c>embedded:NAME</c>).</param>
/// <param name="TickSeconds">Simulated seconds per tick (one interval of the loop).</param>
/// <param name="Start">Simulated wall-clock time of tick 0.</param>
/// <param name="Duration">Default run length.</param>
public sealed record SimEnvironment(
    string Name,
    string Description,
    string Source,
    int TickSeconds,
    DateTimeOffset Start,
    TimeSpan Duration,
    SloObjectives Slo,
    ImmutableArray<ServiceSpec> Services,
    ImmutableArray<RegressionSpec> Regressions);
