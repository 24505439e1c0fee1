using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Core.Tests.Rhythm;

/// <summary>
/// The AWS load-balancer trace (NAB elb_request_count_8c0756, 5-minute counts over two weeks, with a few
/// 10-minute gaps). Its hourly means do rise in the afternoon and evening (about 45 requests at 06:00–11:00,
/// 75–95 at 14:00–21:00), but each 5-minute count is so noisy that the first harmonic explains only ~6 % of
/// the variance, below the default 0.3 threshold: the mapper must say "unknown" rather than invent a phase.
/// </summary>
public sealed class ElbTraceTests
{
    private static readonly SliSample[] Trace = TraceFile.Load("elb_request_count_8c0756.csv");

    [Fact]
    public void Trace_HasIrregularSteps()
    {
        var steps = Trace.Zip(Trace.Skip(1), (a, b) => b.Timestamp - a.Timestamp).Distinct().Order().ToList();

        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)], steps);
    }

    [Fact]
    public void Fit_WholeTrace_IsWeakWithPeakNear1840()
    {
        var fit = HarmonicFitter.Fit(Trace, RhythmOptions.Default);

        Assert.True(fit.IsOk, fit.NotEnoughHistory);
        Assert.InRange(fit.Value.Strength, 0.04, 0.09);
        Assert.False(fit.Value.HasRhythm);
        var peak = fit.Value.PeakWithinPeriod(TimeSpan.Zero);
        Assert.True((peak - new TimeSpan(18, 40, 0)).Duration() <= TimeSpan.FromMinutes(30), $"peak at {peak}");
    }

    [Fact]
    public void MapSeries_DefaultThreshold_EveryLabelUnknown()
    {
        var series = RhythmMapper.MapSeries(Trace, RhythmOptions.Default).Value!;

        Assert.All(series.Points, p =>
        {
            Assert.Equal(PhaseLabel.Unknown, p.Label);
            Assert.Null(p.Phase);
            Assert.NotNull(p.Load);
        });
    }

    [Fact]
    public void Map_DefaultThreshold_PhaseFeaturesAreZero()
    {
        var coordinates = RhythmMapper.Map(Trace, RhythmOptions.Default, new SloObjectives(200, 0.01), []).Value!;

        Assert.Equal(PhaseLabel.Unknown, coordinates.Label);
        Assert.Null(coordinates.Phase);
        Assert.Equal(0, coordinates.Features[FeatureLayout.PhaseSin]);
        Assert.Equal(0, coordinates.Features[FeatureLayout.PhaseCos]);
    }

    [Fact]
    public void MapSeries_ThresholdLoweredTo005_LabelsEveningPeakAndMorningTrough()
    {
        var options = RhythmOptions.Default with { RhythmStrengthThreshold = 0.05 };

        var series = RhythmMapper.MapSeries(Trace, options).Value!;

        // Peak ≈ 18:40: peak 15:40–21:40, trough 03:40–09:40.
        Assert.All(series.Points.Where(p => p.Timestamp.Hour is >= 17 and <= 20), p => Assert.Equal(PhaseLabel.Peak, p.Label));
        Assert.All(series.Points.Where(p => p.Timestamp.Hour is >= 5 and <= 8), p => Assert.Equal(PhaseLabel.Trough, p.Label));
        Assert.All(series.Points.Where(p => p.Timestamp.Hour is >= 11 and <= 14), p => Assert.Equal(PhaseLabel.Rising, p.Label));
        Assert.All(series.Points.Where(p => p.Timestamp.Hour is 23 or <= 2), p => Assert.Equal(PhaseLabel.Falling, p.Label));
    }
}
