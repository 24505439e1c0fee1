using Lumen.Simulator.Environments;
using Lumen.Simulator.Load;
using Lumen.Simulator.Traces;

namespace Lumen.Simulator.Tests.Load;

public sealed class LoadCurveTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Rhythm_Daily_PeaksAtThePeakHourAndBottomsTwelveHoursLater()
    {
        var curve = new LoadCurve(new DailyLoadSpec(100, 1000, 19, 0, BurstSpec.None), 0, 30, Start);

        Assert.Equal(1000, curve.Rhythm(19 * 3600), 9);
        Assert.Equal(100, curve.Rhythm(7 * 3600), 9);
        Assert.Equal(1000, curve.Rhythm((24 + 19) * 3600), 9);
    }

    [Fact]
    public void Rhythm_Trace_IsScaledToThePeak()
    {
        var trace = TraceLibrary.Load("nyc_taxi");
        var curve = new LoadCurve(new TraceLoadSpec("nyc_taxi", 2600, TimeSpan.Zero, 0, BurstSpec.None), 0, 30, Start);

        var samples = Enumerable.Range(0, trace.Values.Length).Select(i => curve.Rhythm(i * trace.IntervalSeconds)).ToList();

        Assert.Equal(1800, trace.IntervalSeconds);
        Assert.True(trace.Values.Length > 10_000);
        Assert.Equal(2600, samples.Max(), 6);
        Assert.Equal(trace.Values[1] * 2600 / trace.Max, samples[1], 6);
        // Between samples the rate is interpolated; past the end it wraps around.
        Assert.Equal(0.5 * (samples[0] + samples[1]), curve.Rhythm(900), 6);
        Assert.Equal(samples[0], curve.Rhythm(trace.Values.Length * 1800.0), 6);
    }

    [Fact]
    public void BurstFactor_OverManyDays_HitsTheConfiguredRate()
    {
        var curve = new LoadCurve(new DailyLoadSpec(100, 100, 12, 0, new BurstSpec(6, 2, 20)), 0, 30, Start);

        var windows = Enumerable.Range(0, 72 * 100).Count(w => curve.BurstFactor(1, (w * 20 * 60) + 1) > 1);

        // 100 days × 6 bursts a day = 600 expected (binomial, sd ≈ 24).
        Assert.InRange(windows, 500, 700);
    }

    [Fact]
    public void Actual_WithNoise_ScattersAroundTheExpectedRate()
    {
        var curve = new LoadCurve(new DailyLoadSpec(500, 500, 12, 0.05, BurstSpec.None), 0, 30, Start);

        var values = Enumerable.Range(1, 2000).Select(t => curve.Actual(3, t)).ToList();

        Assert.InRange(values.Average(), 497, 503);
        Assert.InRange(Math.Sqrt(values.Average(v => (v - 500) * (v - 500))), 20, 30);
        Assert.Equal(values, Enumerable.Range(1, 2000).Select(t => curve.Actual(3, t)));
    }
}
