using System.Collections.Immutable;

namespace Lumen.Simulator.Records;

/// <summary>
/// The simulated latency histogram's upper bounds in seconds: prometheus-net's defaults
/// (<c>Histogram.DefaultBuckets</c>), then +Inf. Records write each as its <c>le</c> text
/// ("0.005", "1", "+Inf") through the core's <see cref="Core.Canary.IntervalRecordWriter"/>.
/// </summary>
public static class LatencyBuckets
{
    public static ImmutableArray<double> UpperBoundsSeconds { get; } =
        [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, double.PositiveInfinity];
}
