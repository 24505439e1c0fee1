using System.Collections.Immutable;

namespace Lumen.Adapters.Prometheus;

/// <summary>One series of a vector or matrix result: its labels and its samples (one for a vector).</summary>
public sealed record PromSeries(ImmutableDictionary<string, string> Labels, ImmutableArray<PromSample> Samples)
{
    public string? Label(string name) => Labels.TryGetValue(name, out var v) ? v : null;
}
