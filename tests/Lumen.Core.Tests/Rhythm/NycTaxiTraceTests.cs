using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Core.Tests.Rhythm;

/// <summary>
/// The NYC taxi trace (NAB, 30-minute passenger counts, local time): a strong daily rhythm whose first
/// harmonic peaks at about 17:10 and bottoms out at about 05:10.
/// </summary>
public sealed class NycTaxiTraceTests
{
    private static readonly SliSample[] Trace = TraceFile.Load("nyc_taxi.csv");

    [Fact]
    public void Fit_WholeTrace_PeaksNear1710AndTroughNear0510()
    {
        var fit = HarmonicFitter.Fit(Trace, RhythmOptions.Default);

        Assert.True(fit.IsOk, fit.NotEnoughHistory);
        AssertNear(new TimeSpan(17, 10, 0), fit.Value.PeakWithinPeriod(TimeSpan.Zero), TimeSpan.FromMinutes(30));
        AssertNear(new TimeSpan(5, 10, 0), fit.Value.TroughWithinPeriod(TimeSpan.Zero), TimeSpan.FromMinutes(30));
        Assert.InRange(fit.Value.Strength, 0.40, 0.50);
        Assert.True(fit.Value.HasRhythm);
        Assert.Equal(10_320, fit.Value.ValidPoints);
    }

    [Fact]
    public void MapSeries_OneWeek_LabelsFollowTheDailyCycle()
    {
        var series = RhythmMapper.MapSeries(Trace, RhythmOptions.Default);
        Assert.True(series.IsOk, series.NotEnoughHistory);

        var week = series.Value.Points
            .Where(p => p.Timestamp >= new DateTimeOffset(2014, 7, 7, 0, 0, 0, TimeSpan.Zero)
                && p.Timestamp < new DateTimeOffset(2014, 7, 14, 0, 0, 0, TimeSpan.Zero))
            .ToList();
        Assert.Equal(7 * 48, week.Count);

        // Fitted peak ≈ 17:13, so peak is 14:13–20:13, falling 20:13–02:13, trough 02:13–08:13, rising 08:13–14:13.
        // Hours next to a boundary are left out.
        foreach (var point in week)
        {
            var expected = point.Timestamp.Hour switch
            {
                >= 15 and <= 19 => PhaseLabel.Peak,
                >= 21 or <= 1 => PhaseLabel.Falling,
                >= 3 and <= 7 => PhaseLabel.Trough,
                >= 9 and <= 13 => PhaseLabel.Rising,
                _ => (PhaseLabel?)null,
            };
            if (expected is { } label)
            {
                Assert.True(label == point.Label, $"{point.Timestamp:yyyy-MM-dd HH:mm}: expected {label}, got {point.Label}");
            }
        }

        Assert.Equal(7 * 2, week.Count(p => p.Timestamp.Hour == 17 && p.Label == PhaseLabel.Peak));
        Assert.Equal(7 * 2, week.Count(p => p.Timestamp.Hour == 5 && p.Label == PhaseLabel.Trough));
    }

    [Fact]
    public void MapSeries_PeakPoint_HasPhaseNearZeroAndTroughNearPi()
    {
        var series = RhythmMapper.MapSeries(Trace, RhythmOptions.Default).Value!;

        var at1700 = series.Points.First(p => p.Timestamp == new DateTimeOffset(2014, 7, 8, 17, 0, 0, TimeSpan.Zero));
        var at0500 = series.Points.First(p => p.Timestamp == new DateTimeOffset(2014, 7, 8, 5, 0, 0, TimeSpan.Zero));

        // 17:00 is 13 minutes before the 17:13 peak: phase ≈ 2π − 2π·13/1440.
        Assert.InRange(at1700.Phase!.Value, (2 * Math.PI) - 0.15, 2 * Math.PI);
        Assert.InRange(at0500.Phase!.Value, Math.PI - 0.15, Math.PI);
    }

    [Fact]
    public void Map_SevenDaysEndingAt1700_IsPeakAndEndingAt0500_IsTrough()
    {
        var slo = new SloObjectives(200, 0.01);
        var endPeak = Array.FindIndex(Trace, s => s.Timestamp == new DateTimeOffset(2014, 7, 14, 17, 0, 0, TimeSpan.Zero));
        var endTrough = Array.FindIndex(Trace, s => s.Timestamp == new DateTimeOffset(2014, 7, 15, 5, 0, 0, TimeSpan.Zero));

        var atPeak = RhythmMapper.Map(Trace.AsSpan(endPeak - (7 * 48) + 1, 7 * 48), RhythmOptions.Default, slo, []);
        var atTrough = RhythmMapper.Map(Trace.AsSpan(endTrough - (7 * 48) + 1, 7 * 48), RhythmOptions.Default, slo, []);

        Assert.Equal(PhaseLabel.Peak, atPeak.Value!.Label);
        Assert.Equal(PhaseLabel.Trough, atTrough.Value!.Label);
        Assert.True(atPeak.Value.Features[FeatureLayout.PhaseCos] > 0.9, "cos φ ≈ 1 at the peak");
        Assert.True(atTrough.Value.Features[FeatureLayout.PhaseCos] < -0.9, "cos φ ≈ −1 at the trough");
        Assert.True(atPeak.Value.Load > atTrough.Value.Load);
    }

    private static void AssertNear(TimeSpan expected, TimeSpan actual, TimeSpan tolerance) =>
        Assert.True((expected - actual).Duration() <= tolerance, $"expected {expected} ± {tolerance}, got {actual}");
}
