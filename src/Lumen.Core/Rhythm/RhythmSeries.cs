using System.Collections.Immutable;

namespace Lumen.Core.Rhythm;

/// <summary>A whole history mapped point by point against one fit (what <c>lumen map</c> shows).</summary>
/// <param name="Fit">The harmonic fitted to the whole history.</param>
/// <param name="HighWaterRps">The rps load is divided by.</param>
/// <param name="UtcOffset">The UTC offset of the newest point: the clock the peak time of day is told on.</param>
/// <param name="Points">Every input point, in input order.</param>
public sealed record RhythmSeries(
    RhythmFit Fit,
    double HighWaterRps,
    TimeSpan UtcOffset,
    ImmutableArray<RhythmPoint> Points)
{
    /// <summary>The fitted peak's position within the period on the trace's own clock (time of day for 24 h).</summary>
    public TimeSpan PeakWithinPeriod => Fit.PeakWithinPeriod(UtcOffset);
}
