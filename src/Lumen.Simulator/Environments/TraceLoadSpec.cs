namespace Lumen.Simulator.Environments;

/// <summary>
/// A replayed trace (embedded in the assembly, see Traces/TRACES-README.md) scaled so that its
/// maximum is <paramref name="PeakRps"/>. Its first sample plays at the environment's start plus
/// <paramref name="Offset"/>; it wraps around at its end.
/// </summary>
public sealed record TraceLoadSpec(string Trace, double PeakRps, TimeSpan Offset, double Noise, BurstSpec Bursts)
    : LoadSpec(Noise, Bursts);
