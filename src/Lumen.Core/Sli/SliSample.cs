namespace Lumen.Core.Sli;

/// <summary>
/// One interval's service level indicators (docs/configuration.md), as the mapper and the decisions see them.
/// </summary>
/// <remarks>
/// A value that could not be read is <see cref="double.NaN"/>, never 0: consumers skip NaN values
/// (and negative or infinite ones) instead of counting them, so a missing reading cannot look like
/// a perfect one. Whether a reading was missing, stale or broken is told by <see cref="SliReading"/>
/// before samples are built; a sample only carries the numbers.
/// </remarks>
/// <param name="Timestamp">End of the interval the values describe.</param>
/// <param name="P95Ms">Latency 95th percentile in milliseconds (NaN when unknown).</param>
/// <param name="ErrorRate">Share of failed requests, 0..1 (NaN when unknown).</param>
/// <param name="Rps">Throughput in requests per second (NaN when unknown).</param>
/// <param name="Saturation">Optional saturation 0..1; null when the service does not define it.</param>
public readonly record struct SliSample(
    DateTimeOffset Timestamp,
    double P95Ms,
    double ErrorRate,
    double Rps,
    double? Saturation = null)
{
    /// <summary>A sample that only knows its throughput (a traffic trace: latency and errors unknown).</summary>
    public static SliSample FromRps(DateTimeOffset timestamp, double rps) =>
        new(timestamp, double.NaN, double.NaN, rps);

    /// <summary>True when <paramref name="value"/> is a usable observation: finite and not negative.</summary>
    public static bool IsUsable(double value) => double.IsFinite(value) && value >= 0;
}
