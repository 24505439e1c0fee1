using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Core.Tests.Rhythm;

public sealed class RhythmWindowTests
{
    private static readonly SloObjectives Slo = new(250, 0.01);
    private static readonly KnobPosition[] Knobs = [new("concurrency_limit", 32, 4, 256)];
    private static readonly RhythmOptions Options = RhythmOptions.Default with { Period = TimeSpan.FromHours(6) };

    /// <summary>
    /// A seeded history of irregular steps with gaps, missing values and levels up to 10⁴ rps, slid
    /// through a window smaller than itself: after every point the incremental fit and mapping equal
    /// the batch fit and mapping of the window's points.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property IncrementalFitAndMap_EqualBatch_AfterEveryPoint(int seed, PositiveInt capacity)
    {
        var random = new Random(seed);
        var window = new RhythmWindow(20 + (capacity.Get % 400));
        var level = Math.Pow(10, random.NextDouble() * 4);
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var points = window.Capacity * 3;
        for (var i = 0; i < points; i++)
        {
            t += TimeSpan.FromSeconds(random.Next(1, 4) == 1 ? random.Next(60, 3600) : 300);
            var angle = CyclePhase.Angle(t, Options.Period);
            window.Add(new SliSample(t,
                random.Next(10) == 0 ? double.NaN : 100 + (200 * random.NextDouble()),
                random.Next(10) == 0 ? double.NaN : 0.02 * random.NextDouble(),
                random.Next(12) == 0 ? double.NaN : level * (1.5 + Math.Cos(angle)) * (0.9 + (0.2 * random.NextDouble()))));

            var held = window.ToArray();
            var incremental = RhythmMapper.Map(window, Options, Slo, Knobs);
            var batch = RhythmMapper.Map(held, Options, Slo, Knobs);
            var fitIncremental = window.Fit(Options);
            var fitBatch = HarmonicFitter.Fit(held, Options);
            if (incremental.IsOk != batch.IsOk || fitIncremental.IsOk != fitBatch.IsOk)
            {
                return false.Label($"point {i}: incremental {incremental.NotEnoughHistory ?? "ok"} vs batch {batch.NotEnoughHistory ?? "ok"}");
            }

            if (incremental.IsOk && !Same(incremental.Value, batch.Value!))
            {
                return false.Label($"point {i}: incremental {incremental.Value} vs batch {batch.Value}");
            }
        }

        return true.ToProperty();
    }

    /// <summary>
    /// The sorted rps the high-water quantile reads, kept by moving the newest value into the oldest's
    /// place: after every point, with many equal values, unusable ones and levels that jump, every
    /// nearest-rank quantile equals that of a sorted copy of the window's usable values.
    /// </summary>
    [Theory]
    [InlineData(1, 50)]
    [InlineData(2, 288)]
    [InlineData(3, 7)]
    public void RpsQuantile_AfterEveryPoint_EqualsTheQuantileOfASortedCopy(int seed, int capacity)
    {
        var random = new Random(seed);
        var window = new RhythmWindow(capacity);
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        window.Add(new SliSample(t, 100, 0.001, 10));
        window.Prepare(Options, Slo);
        for (var i = 0; i < capacity * 6; i++)
        {
            t += TimeSpan.FromMinutes(5);
            var rps = random.Next(8) switch
            {
                0 => double.NaN,
                1 => random.Next(0, 4),
                2 => 1000 * random.NextDouble(),
                _ => 50 + (40 * Math.Sin(i / 10.0)) + random.Next(0, 3),
            };
            window.Add(new SliSample(t, 100, 0.001, rps));

            var usable = window.ToArray().Select(p => p.Rps).Where(SliSample.IsUsable).Order().ToArray();
            foreach (var q in (double[])[0.01, 0.25, 0.5, 0.9, 0.99, 1])
            {
                var expected = usable.Length == 0 ? double.NaN : usable[Math.Clamp((int)Math.Ceiling(q * usable.Length), 1, usable.Length) - 1];
                Assert.Equal(expected, window.RpsQuantile(q));
            }
        }
    }

    [Fact]
    public void Add_BeyondCapacity_KeepsTheNewestOldestFirstAcrossTheWrap()
    {
        var window = new RhythmWindow(3);
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            window.Add(SliSample.FromRps(t.AddMinutes(i), i));
        }

        Assert.Equal([2.0, 3.0, 4.0], window.ToArray().Select(s => s.Rps));
        Assert.Equal(3, window.Count);
        Assert.Equal(4.0, window.Newest.Rps);
        Assert.Equal(TimeSpan.FromMinutes(2), window.Covered);
    }

    [Fact]
    public void Add_ThenRead_KeepsEveryValueTheMapperReadsInSinglePrecisionButNotSaturation()
    {
        var window = new RhythmWindow(4);
        var t = new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.FromHours(2));
        window.Add(new SliSample(t, 123.456789012345678, 0.0123456789012345, 987.654321098765));
        window.Add(new SliSample(t.AddTicks(1), double.NaN, 0.5, 1, Saturation: double.NaN));
        window.Add(new SliSample(t.AddTicks(2), 1, double.NaN, double.NaN, Saturation: 0.25));

        var back = window.ToArray();

        // Each value comes back as the nearest single-precision number: 7 significant digits kept, the rest not.
        Assert.Equal(new SliSample(t, (float)123.456789012345678, (float)0.0123456789012345, (float)987.654321098765), back[0]);
        Assert.NotEqual(123.456789012345678, back[0].P95Ms);
        Assert.Equal(123.456789012345678, back[0].P95Ms, 1e-5);
        Assert.Equal(987.654321098765, back[0].Rps, 1e-4);
        Assert.Equal(TimeSpan.Zero, back[0].Timestamp.Offset);
        Assert.All(back, p => Assert.Null(p.Saturation));
        Assert.True(double.IsNaN(back[1].P95Ms));
        Assert.Equal(0.5, back[1].ErrorRate);
        Assert.True(double.IsNaN(back[2].Rps));
        Assert.Equal(t.AddTicks(1).UtcTicks, back[1].Timestamp.UtcTicks);
        Assert.Equal(t.AddTicks(2).UtcTicks, window.NewestTicks);
    }

    /// <summary>
    /// A value beyond single precision's range is held as infinite, so it is not usable: the window
    /// judges usability on what it holds, and the mapper never reads a value it could not give back.
    /// </summary>
    [Fact]
    public void Add_ValueBeyondSinglePrecision_IsNotUsable()
    {
        var window = new RhythmWindow(4);
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        window.Add(new SliSample(t, 10, 0.01, 1e39));

        Assert.Equal(0, window.UsableRpsPoints);
        Assert.True(double.IsPositiveInfinity(window[0].Rps));
    }

    /// <summary>
    /// The window's times, kept as milliseconds after a base, come back exactly in every case: on the
    /// millisecond grid (compact), sliding for longer than a 32-bit count of milliseconds holds (the
    /// base moves up, still compact), off the grid or spanning more than that (full ticks).
    /// </summary>
    [Theory]
    [InlineData(30_000_0000L, 100, false)]          // 30 s steps
    [InlineData(TimeSpan.TicksPerDay, 200, false)]  // a day a point for 200 days: the base moves
    [InlineData(12_345L, 50, true)]                 // off the millisecond grid
    [InlineData(TimeSpan.TicksPerDay * 30, 40, true)] // 30 days a point, 9 held: over 49.7 days
    public void Times_AnySpacing_ComeBackExactly(long step, int points, bool wide)
    {
        var window = new RhythmWindow(9);
        var t = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(7 * TimeSpan.TicksPerMillisecond);
        var added = new List<long>();
        for (var i = 0; i < points; i++)
        {
            t = t.AddTicks(step);
            window.Add(new SliSample(t, 1, 0, i));
            added.Add(t.UtcTicks);

            Assert.Equal(added.TakeLast(window.Count), window.ToArray().Select(p => p.Timestamp.UtcTicks));
        }

        Assert.Equal(wide, window.WideTimes);
    }

    [Fact]
    public void Add_NotNewer_Throws()
    {
        var window = new RhythmWindow(3);
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        window.Add(SliSample.FromRps(t, 1));

        Assert.Throws<ArgumentException>(() => window.Add(SliSample.FromRps(t, 2)));
    }

    [Fact]
    public void Map_MissingLatencyEverywhere_NeverReadsAsZero()
    {
        var window = new RhythmWindow(100);
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 100; i++)
        {
            window.Add(SliSample.FromRps(t.AddMinutes(10 * i), 100 + (50 * Math.Cos(i / 10.0))));
        }

        var mapped = RhythmMapper.Map(window, RhythmOptions.Default, Slo, Knobs).Value!;

        Assert.Null(mapped.LatencyPressure);
        Assert.Null(mapped.Health);
        Assert.Null(mapped.Coherence);
    }

    private static bool Same(RhythmCoordinates a, RhythmCoordinates b) =>
        a.Timestamp == b.Timestamp && a.Label == b.Label
        && Close(a.Rps, b.Rps) && Close(a.HighWaterRps, b.HighWaterRps) && Close(a.Load, b.Load)
        && Close(a.Phase, b.Phase) && Close(a.LatencyPressure, b.LatencyPressure) && Close(a.ErrorPressure, b.ErrorPressure)
        && Close(a.Health, b.Health) && Close(a.Coherence, b.Coherence)
        && Close(a.Fit.Mean, b.Fit.Mean) && Close(a.Fit.Amplitude, b.Fit.Amplitude) && Close(a.Fit.Strength, b.Fit.Strength)
        && a.Fit.ValidPoints == b.Fit.ValidPoints && a.Fit.Covered == b.Fit.Covered && a.Fit.HasRhythm == b.Fit.HasRhythm
        && a.Features.Length == b.Features.Length && a.Features.Zip(b.Features).All(p => Close(p.First, p.Second));

    private static bool Close(double? a, double? b) =>
        a is null ? b is null : b is not null && (a.Value == b.Value || Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(b.Value)));
}
