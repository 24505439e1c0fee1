using Lumen.Simulator.Traces;

namespace Lumen.Simulator.Environments;

/// <summary>
/// A replayed trace, scaled so that its maximum is <paramref name="PeakRps"/>: a built-in one
/// (embedded in the assembly, see Traces/TRACES-README.md) named by <paramref name="Trace"/>, or a
/// CSV file of the user's (<see cref="FilePath"/>; then <paramref name="Trace"/> is the file's name).
/// Its first sample plays at the environment's start plus <paramref name="Offset"/>; it wraps around at its end.
/// </summary>
public sealed record TraceLoadSpec(string Trace, double PeakRps, TimeSpan Offset, double Noise, BurstSpec Bursts)
    : LoadSpec(Noise, Bursts)
{
    /// <summary>The full path of the CSV file the trace was read from; null for a built-in trace.</summary>
    public string? FilePath { get; init; }

    /// <summary>The samples read from <see cref="FilePath"/> when the environment was loaded.</summary>
    internal TraceData? Data { get; init; }
}
