using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Core.Tests.Rhythm;

public sealed class HarmonicFitterTests
{
    private static readonly TimeSpan ThreeDays = TimeSpan.FromDays(3);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public void Fit_PureSine_RecoversLevelAmplitudePeakAndFullStrength()
    {
        var history = Samples.Sine(ThreeDays, TimeSpan.FromMinutes(30), mean: 100, amplitude: 50, new TimeSpan(14, 0, 0));

        var fit = HarmonicFitter.Fit(history, RhythmOptions.Default).Value!;

        Assert.Equal(100, fit.Mean, 1e-9);
        Assert.Equal(50, fit.Amplitude, 1e-9);
        Assert.Equal(1, fit.Strength, 1e-12);
        Assert.True(fit.HasRhythm);
        Assert.Equal(new TimeSpan(14, 0, 0), fit.PeakWithinPeriod(TimeSpan.Zero));
        Assert.Equal(new TimeSpan(2, 0, 0), fit.TroughWithinPeriod(TimeSpan.Zero));
        Assert.Equal(150, fit.Predict(Samples.Start.AddHours(14)), 1e-9);
    }

    [Fact]
    public void Fit_LargeLevel_KeepsPrecision()
    {
        // 10⁶ rps ± 1: a naive Σy² would lose the variance to cancellation.
        var history = Samples.Sine(ThreeDays, Hour, mean: 1_000_000, amplitude: 1, new TimeSpan(3, 0, 0));

        var fit = HarmonicFitter.Fit(history, RhythmOptions.Default).Value!;

        Assert.Equal(1, fit.Strength, 1e-6);
        Assert.Equal(1, fit.Amplitude, 1e-6);
        Assert.Equal(new TimeSpan(3, 0, 0), fit.PeakWithinPeriod(TimeSpan.Zero));
    }

    [Fact]
    public void Fit_WithGap_SameAnswerAsWithoutGap()
    {
        var full = Samples.Sine(ThreeDays, Hour, 100, 50, new TimeSpan(20, 0, 0));
        var gapped = full.Where((_, i) => i is < 20 or > 30).ToArray();

        var fit = HarmonicFitter.Fit(gapped, RhythmOptions.Default).Value!;

        Assert.Equal(full.Length - 11, fit.ValidPoints);
        Assert.Equal(50, fit.Amplitude, 1e-9);
        Assert.Equal(new TimeSpan(20, 0, 0), fit.PeakWithinPeriod(TimeSpan.Zero));
    }

    [Fact]
    public void Fit_NanInfAndNegativeRps_AreSkippedNotCountedAsZero()
    {
        var history = Samples.Sine(ThreeDays, Hour, 100, 50, new TimeSpan(9, 0, 0));
        history[5] = history[5] with { Rps = double.NaN };
        history[6] = history[6] with { Rps = double.PositiveInfinity };
        history[7] = history[7] with { Rps = -3 };

        var fit = HarmonicFitter.Fit(history, RhythmOptions.Default).Value!;

        Assert.Equal(history.Length - 3, fit.ValidPoints);
        Assert.Equal(100, fit.Mean, 1e-9);
        Assert.Equal(1, fit.Strength, 1e-12);
    }

    [Fact]
    public void Fit_IrregularShuffledTimestamps_StillRecoversThePeak()
    {
        var random = new Random(7);
        var history = Enumerable.Range(0, 200)
            .Select(_ => Samples.Start.AddMinutes(random.NextDouble() * 3 * 24 * 60))
            .Select(t => SliSample.FromRps(t, 100 + (50 * Math.Cos(2 * Math.PI * ((t - Samples.Start).TotalHours - 11) / 24))))
            .ToArray();

        var fit = HarmonicFitter.Fit(history, RhythmOptions.Default).Value!;

        Assert.Equal(1, fit.Strength, 1e-9);
        Assert.True((fit.PeakWithinPeriod(TimeSpan.Zero) - new TimeSpan(11, 0, 0)).Duration() < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Fit_FlatSeries_StrengthZeroAndNoRhythm()
    {
        var history = Samples.Sine(ThreeDays, Hour, 42.1, 0, TimeSpan.Zero);

        var fit = HarmonicFitter.Fit(history, RhythmOptions.Default).Value!;

        Assert.Equal(0, fit.Strength);
        Assert.Equal(0, fit.Amplitude);
        Assert.False(fit.HasRhythm);
        Assert.Equal(PhaseLabel.Unknown, fit.LabelAt(Samples.Start));
        Assert.Null(fit.PhaseOrNull(Samples.Start));
    }

    [Fact]
    public void Fit_SeededNoise_IsWeak()
    {
        var random = new Random(0);
        var history = Enumerable.Range(0, 500)
            .Select(i => SliSample.FromRps(Samples.Start.AddMinutes(15 * i), 100 + random.NextDouble()))
            .ToArray();

        var fit = HarmonicFitter.Fit(history, RhythmOptions.Default).Value!;

        Assert.InRange(fit.Strength, 0, 0.05);
        Assert.False(fit.HasRhythm);
    }

    [Fact]
    public void Fit_TooFewValidPoints_NotEnoughHistory()
    {
        var history = Samples.Sine(ThreeDays, TimeSpan.FromHours(8), 100, 50, TimeSpan.Zero);
        for (int i = 0; i < 5; i++)
        {
            history[i] = history[i] with { Rps = double.NaN };
        }

        var fit = HarmonicFitter.Fit(history, RhythmOptions.Default);

        Assert.False(fit.IsOk);
        Assert.Equal($"only {history.Length - 5} point(s) with a usable rps; at least 12 are needed", fit.NotEnoughHistory);
    }

    [Fact]
    public void Fit_EmptyHistory_NotEnoughHistory()
    {
        var fit = HarmonicFitter.Fit([], RhythmOptions.Default);

        Assert.Equal("only 0 point(s) with a usable rps; at least 12 are needed", fit.NotEnoughHistory);
    }

    [Fact]
    public void Fit_LessThanHalfAPeriod_NotEnoughHistory()
    {
        var history = Samples.Sine(TimeSpan.FromHours(11.5), TimeSpan.FromMinutes(5), 100, 50, TimeSpan.Zero);

        var fit = HarmonicFitter.Fit(history, RhythmOptions.Default);

        Assert.False(fit.IsOk);
        Assert.Contains("covers 11:30:00", fit.NotEnoughHistory, StringComparison.Ordinal);
        Assert.Contains("12:00:00", fit.NotEnoughHistory, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ExactlyHalfAPeriod_IsEnough()
    {
        var history = Samples.Sine(TimeSpan.FromHours(12), TimeSpan.FromMinutes(30), 100, 50, new TimeSpan(6, 0, 0));

        var fit = HarmonicFitter.Fit(history, RhythmOptions.Default);

        Assert.True(fit.IsOk, fit.NotEnoughHistory);
        Assert.Equal(new TimeSpan(6, 0, 0), fit.Value.PeakWithinPeriod(TimeSpan.Zero));
    }

    [Fact]
    public void Fit_OnePointPerPeriod_PhaseNotIdentifiable()
    {
        var history = Enumerable.Range(0, 30)
            .Select(d => SliSample.FromRps(Samples.Start.AddDays(d), 100 + d))
            .ToArray();

        var fit = HarmonicFitter.Fit(history, RhythmOptions.Default);

        Assert.False(fit.IsOk);
        Assert.Contains("one position of the cycle", fit.NotEnoughHistory, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_CustomPeriod_FitsThatCycle()
    {
        // A 90-minute cycle peaking 30 minutes into it.
        var options = RhythmOptions.Default with { Period = TimeSpan.FromMinutes(90) };
        var history = Enumerable.Range(0, 60)
            .Select(i => Samples.Start.AddMinutes(5 * i))
            .Select(t => SliSample.FromRps(t, 10 + (3 * Math.Cos(2 * Math.PI * ((t - Samples.Start).TotalMinutes - 30) / 90))))
            .ToArray();

        var fit = HarmonicFitter.Fit(history, options).Value!;

        Assert.Equal(3, fit.Amplitude, 1e-9);
        Assert.True((fit.PeakWithinPeriod(TimeSpan.Zero) - TimeSpan.FromMinutes(30)).Duration() < TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void PeakWithinPeriod_UtcOffset_ShiftsToLocalClock()
    {
        var history = Samples.Sine(ThreeDays, Hour, 100, 50, new TimeSpan(14, 0, 0));
        var fit = HarmonicFitter.Fit(history, RhythmOptions.Default).Value!;

        Assert.Equal(new TimeSpan(16, 0, 0), fit.PeakWithinPeriod(TimeSpan.FromHours(2)));
        Assert.Equal(new TimeSpan(9, 0, 0), fit.PeakWithinPeriod(TimeSpan.FromHours(-5)));
        Assert.Equal(new TimeSpan(1, 0, 0), fit.PeakWithinPeriod(TimeSpan.FromHours(11)));
    }

    [Fact]
    public void Fit_TimestampsWithOffsets_UseTheInstantNotTheClockReading()
    {
        var utc = Samples.Sine(ThreeDays, Hour, 100, 50, new TimeSpan(14, 0, 0));
        var shifted = utc.Select(s => s with { Timestamp = s.Timestamp.ToOffset(TimeSpan.FromHours(3)) }).ToArray();

        var a = HarmonicFitter.Fit(utc, RhythmOptions.Default).Value!;
        var b = HarmonicFitter.Fit(shifted, RhythmOptions.Default).Value!;

        Assert.Equal(a.PeakAngle, b.PeakAngle, 1e-12);
    }
}
