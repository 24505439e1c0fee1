using System.Collections.Immutable;
using Lumen.Core.Policy;
using Lumen.Simulator.Model;

namespace Lumen.Simulator.Environments;

/// <summary>
/// A simulated service: its instances (load is spread evenly over all of them, so a canary
/// instance sees the same per-instance rate as a baseline one), model, knobs and load.
/// </summary>
public sealed record ServiceSpec(
    string Name,
    int BaselineInstances,
    int CanaryInstances,
    ModelParameters Model,
    ImmutableArray<KnobSpec> Knobs,
    LoadSpec Load);
