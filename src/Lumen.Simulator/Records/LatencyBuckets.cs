using System.Collections.Immutable;
using System.Globalization;

namespace Lumen.Simulator.Records;

/// <summary>
/// The latency histogram's upper bounds in seconds: prometheus-net's defaults
/// (<c>Histogram.DefaultBuckets</c>), then +Inf.
/// </summary>
public static class LatencyBuckets
{
    public static ImmutableArray<double> UpperBoundsSeconds { get; } =
        [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, double.PositiveInfinity];

    /// <summary>The <c>le</c> label of each bound as Prometheus-style text ("0.005", "1", "+Inf").</summary>
    public static ImmutableArray<string> Labels { get; } = UpperBoundsSeconds
        .Select(b => double.IsPositiveInfinity(b) ? "+Inf" : b.ToString("R", CultureInfo.InvariantCulture))
        .ToImmutableArray();
}
