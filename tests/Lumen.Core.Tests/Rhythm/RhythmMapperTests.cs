using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Core.Tests.Rhythm;

public sealed class RhythmMapperTests
{
    private static readonly SloObjectives Slo = new(P95Ms: 200, ErrorRate: 0.01);

    // One day of hourly points, rps 1..24 in time order (the newest is the largest), latency and errors known.
    private static SliSample[] Ramp() =>
        [.. Enumerable.Range(0, 24).Select(i => new SliSample(Samples.Start.AddHours(i), 100, 0.005, i + 1))];

    [Fact]
    public void Map_Ramp_LoadIsRpsOverNearestRankP90()
    {
        // p90 of 1..24: rank ⌈0.9·24⌉ = 22 → 22 rps. Newest rps 24 → load 24/22.
        var coordinates = RhythmMapper.Map(Ramp(), RhythmOptions.Default, Slo, []).Value!;

        Assert.Equal(22, coordinates.HighWaterRps);
        Assert.Equal(24.0 / 22.0, coordinates.Load, 1e-12);
        Assert.Equal(24.0 / 22.0, coordinates.Features[FeatureLayout.Load], 1e-12);
        Assert.Equal(Samples.Start.AddHours(23), coordinates.Timestamp);
    }

    [Fact]
    public void Map_FeatureVector_FollowsTheDocumentedLayout()
    {
        var history = Samples.Sine(TimeSpan.FromDays(2), TimeSpan.FromHours(1), 100, 50, new TimeSpan(12, 0, 0))
            .Select(s => s with { P95Ms = 300, ErrorRate = 0.1 })
            .ToArray();
        KnobPosition[] knobs = [new("pool", 30, 10, 50), new("cache_mb", 900, 0, 512), new("fixed", 5, 5, 5)];

        var c = RhythmMapper.Map(history, RhythmOptions.Default, Slo, knobs).Value!;

        // The newest point is 2 days after midnight: 12 h before the 12:00 peak, so the trough (phase π).
        Assert.Equal(FeatureLayout.Dimension(3), c.Features.Length);
        Assert.Equal(10, c.Features.Length);
        Assert.Equal(PhaseLabel.Trough, c.Label);
        Assert.Equal(Math.PI, c.Phase!.Value, 1e-9);
        Assert.Equal(1, c.Features[FeatureLayout.Bias]);
        Assert.Equal(0, c.Features[FeatureLayout.PhaseSin], 1e-9);
        Assert.Equal(-1, c.Features[FeatureLayout.PhaseCos], 1e-9);
        Assert.Equal(1.5, c.LatencyPressure!.Value, 1e-12);
        Assert.Equal(1.5, c.Features[FeatureLayout.LatencyPressure], 1e-12);
        Assert.Equal(10, c.ErrorPressure!.Value, 1e-12);
        Assert.Equal(3, c.Features[FeatureLayout.ErrorPressure]); // clipped
        Assert.Equal(0.1, c.Health!.Value, 1e-12); // errors at 10× their objective
        Assert.Equal(0.1, c.Coherence!.Value, 1e-12);
        Assert.Equal(0.9, c.Features[FeatureLayout.Incoherence], 1e-12);
        Assert.Equal(new[] { 0.5, 1.0, 0.0 }, c.KnobPositions.ToArray());
        Assert.Equal([0.5, 1.0, 0.0], c.Features.AsSpan()[FeatureLayout.FirstKnob..].ToArray());
    }

    [Fact]
    public void Map_Names_MatchTheLayout()
    {
        var names = FeatureLayout.Names(["pool"]);

        Assert.Equal(FeatureLayout.Dimension(1), names.Length);
        Assert.Equal("load", names[FeatureLayout.Load]);
        Assert.Equal("phase_cos", names[FeatureLayout.PhaseCos]);
        Assert.Equal("incoherence", names[FeatureLayout.Incoherence]);
        Assert.Equal("knob:pool", names[FeatureLayout.FirstKnob]);
    }

    [Fact]
    public void Map_FlatSeries_PhaseUnknownAndPhaseFeaturesZero()
    {
        var history = Samples.Sine(TimeSpan.FromDays(2), TimeSpan.FromMinutes(30), 80, 0, TimeSpan.Zero);

        var c = RhythmMapper.Map(history, RhythmOptions.Default, Slo, []).Value!;

        Assert.Equal(0, c.RhythmStrength);
        Assert.Null(c.Phase);
        Assert.Equal(PhaseLabel.Unknown, c.Label);
        Assert.Equal(0, c.Features[FeatureLayout.PhaseSin]);
        Assert.Equal(0, c.Features[FeatureLayout.PhaseCos]);
        Assert.Equal(1, c.Load, 1e-12);
    }

    [Fact]
    public void Map_RpsOnly_PressuresHealthCoherenceUnknownAndTheirFeaturesZero()
    {
        var history = Samples.Sine(TimeSpan.FromDays(2), TimeSpan.FromHours(1), 100, 50, TimeSpan.Zero);

        var c = RhythmMapper.Map(history, RhythmOptions.Default, Slo, []).Value!;

        Assert.Null(c.LatencyPressure);
        Assert.Null(c.ErrorPressure);
        Assert.Null(c.Health);
        Assert.Null(c.Coherence);
        Assert.Equal(0, c.Features[FeatureLayout.LatencyPressure]);
        Assert.Equal(0, c.Features[FeatureLayout.ErrorPressure]);
        Assert.Equal(0, c.Features[FeatureLayout.Incoherence]);
    }

    [Fact]
    public void Map_NewestValuesNaN_UsesEachSlisNewestUsableValue()
    {
        var history = Ramp();
        history[^1] = history[^1] with { Rps = double.NaN, P95Ms = double.NaN };
        history[^2] = history[^2] with { P95Ms = 400 };

        var c = RhythmMapper.Map(history, RhythmOptions.Default, Slo, []).Value!;

        Assert.Equal(Samples.Start.AddHours(23), c.Timestamp);
        Assert.Equal(23, c.Rps);
        Assert.Equal(2, c.LatencyPressure!.Value, 1e-12);
        Assert.Equal(0.5, c.ErrorPressure!.Value, 1e-12);
        Assert.Equal(1, c.Health!.Value, 1e-12); // newest interval: p95 unknown, errors fine
    }

    [Fact]
    public void Map_ShuffledHistory_SameCoordinatesAsOrdered()
    {
        var ordered = Samples.Sine(TimeSpan.FromDays(2), TimeSpan.FromMinutes(30), 100, 50, new TimeSpan(7, 0, 0))
            .Select((s, i) => s with { P95Ms = 150 + i, ErrorRate = 0.001 * (i % 7) })
            .ToArray();
        var shuffled = ordered.ToArray();
        new Random(3).Shuffle(shuffled);

        var a = RhythmMapper.Map(ordered, RhythmOptions.Default, Slo, []).Value!;
        var b = RhythmMapper.Map(shuffled, RhythmOptions.Default, Slo, []).Value!;

        Assert.Equal(a.Timestamp, b.Timestamp);
        Assert.Equal(a.Load, b.Load);
        Assert.Equal(a.Phase!.Value, b.Phase!.Value, 1e-9);
        Assert.Equal(a.Coherence!.Value, b.Coherence!.Value, 1e-12);
        Assert.Equal(a.Features.Length, b.Features.Length);
        for (int i = 0; i < a.Features.Length; i++)
        {
            Assert.Equal(a.Features[i], b.Features[i], 1e-9);
        }
    }

    [Fact]
    public void Map_TooShortHistory_NotEnoughHistoryWithReason()
    {
        var result = RhythmMapper.Map(Ramp().AsSpan(0, 5), RhythmOptions.Default, Slo, []);

        Assert.False(result.IsOk);
        Assert.Equal("only 5 point(s) with a usable rps; at least 12 are needed", result.NotEnoughHistory);
    }

    [Fact]
    public void Map_InvalidOptionsSloOrKnob_Throws()
    {
        Assert.Throws<ArgumentException>(() => RhythmMapper.Map(Ramp(), RhythmOptions.Default with { RhythmStrengthThreshold = 2 }, Slo, []));
        Assert.Throws<ArgumentException>(() => RhythmMapper.Map(Ramp(), RhythmOptions.Default, new SloObjectives(0, 0.01), []));
        Assert.Throws<ArgumentException>(() => RhythmMapper.Map(Ramp(), RhythmOptions.Default, Slo, [new KnobPosition("k", double.NaN, 0, 1)]));
        Assert.Throws<ArgumentException>(() => RhythmMapper.Map(Ramp(), RhythmOptions.Default, Slo, [new KnobPosition("k", 1, 2, 1)]));
    }

    [Fact]
    public void MapSeries_NanRps_PointKeepsItsPhaseButHasNoLoad()
    {
        var history = Samples.Sine(TimeSpan.FromDays(2), TimeSpan.FromHours(1), 100, 50, new TimeSpan(12, 0, 0));
        history[12] = history[12] with { Rps = double.NaN };

        var series = RhythmMapper.MapSeries(history, RhythmOptions.Default).Value!;

        Assert.Equal(history.Length, series.Points.Length);
        Assert.Null(series.Points[12].Load);
        Assert.Equal(0, series.Points[12].Phase!.Value, 1e-9);
        Assert.Equal(PhaseLabel.Peak, series.Points[12].Label);
        Assert.NotNull(series.Points[13].Load);
    }

    [Fact]
    public void MapSeries_IdleHistory_HighWaterFallsBackToMaximum()
    {
        var history = Enumerable.Range(0, 48)
            .Select(i => SliSample.FromRps(Samples.Start.AddMinutes(30 * i), i == 40 ? 8 : 0))
            .ToArray();

        var series = RhythmMapper.MapSeries(history, RhythmOptions.Default).Value!;

        Assert.Equal(8, series.HighWaterRps);
        Assert.Equal(1, series.Points[40].Load);
        Assert.Equal(0, series.Points[0].Load);
    }

    [Fact]
    public void Options_Default_Validates() => Assert.Empty(RhythmOptions.Default.Validate());

    [Fact]
    public void Options_Bad_ListsEveryProblem()
    {
        var options = new RhythmOptions { Period = TimeSpan.Zero, CoherenceHalfLife = TimeSpan.Zero, MinValidPoints = 1, LoadQuantile = 0 };

        Assert.Equal(4, options.Validate().Count);
    }
}
