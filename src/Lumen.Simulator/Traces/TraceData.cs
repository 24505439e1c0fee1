using System.Collections.Immutable;

namespace Lumen.Simulator.Traces;

/// <summary>A traffic trace: evenly spaced samples of a rate.</summary>
internal sealed record TraceData(string Name, double IntervalSeconds, ImmutableArray<double> Values)
{
    public double Max { get; } = Values.Max();
}
