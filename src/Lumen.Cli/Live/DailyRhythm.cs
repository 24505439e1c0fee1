namespace Lumen.Cli.Live;

/// <summary>
/// A day of traffic compressed into the run: the run starts at "midnight" (the trough), peaks at
/// "noon" (half-way) and ends at the next midnight, following <c>min + (max − min) · (1 − cos 2πt/T) / 2</c>,
/// the first harmonic the mapper fits (docs/rhythm.md), so the loop's phases line up with the load.
/// </summary>
/// <param name="Day">The length of one compressed day (the run).</param>
internal readonly record struct DailyRhythm(TimeSpan Day, double MinRps, double MaxRps)
{
    /// <summary>The target request rate at <paramref name="elapsed"/> into the run (per instance).</summary>
    public double RateAt(TimeSpan elapsed)
    {
        var phase = 2 * Math.PI * (elapsed.TotalSeconds / Day.TotalSeconds);
        return MinRps + ((MaxRps - MinRps) * (1 - Math.Cos(phase)) / 2);
    }

    /// <summary>The requests due between the start and <paramref name="elapsed"/>: the integral of <see cref="RateAt"/>.</summary>
    public double RequestsBy(TimeSpan elapsed)
    {
        var t = elapsed.TotalSeconds;
        var period = Day.TotalSeconds;
        var mean = (MinRps + MaxRps) / 2;
        return (mean * t) - ((MaxRps - MinRps) / 2 * period / (2 * Math.PI) * Math.Sin(2 * Math.PI * t / period));
    }
}
