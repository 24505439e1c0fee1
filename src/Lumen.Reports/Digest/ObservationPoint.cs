using Lumen.Core.Rhythm;

namespace Lumen.Reports.Digest;

/// <summary>One <c>observation</c> entry of one service: SLIs per track, coordinates and knob values.</summary>
public sealed record ObservationPoint(
    DateTimeOffset Ts,
    long Tick,
    TrackSli Baseline,
    TrackSli Canary,
    PhaseLabel Phase,
    double? Coherence,
    double? Load,
    IReadOnlyDictionary<string, double> CanaryKnobs,
    IReadOnlyDictionary<string, double> BaselineKnobs);
