namespace Lumen.Core.Rhythm;

/// <summary>Pure arithmetic on positions within a cycle: angles from timestamps, phase wrapping, labels.</summary>
public static class CyclePhase
{
    /// <summary>2π.</summary>
    public const double TwoPi = 2 * Math.PI;

    private const double QuarterPi = Math.PI / 4;

    /// <summary>
    /// The angle θ ∈ [0, 2π) of <paramref name="timestamp"/> within a cycle of length <paramref name="period"/>,
    /// measured from 0001-01-01 00:00 UTC (a Monday): θ = 0 at UTC midnight for a 24 h period and at
    /// Monday 00:00 UTC for a 7 d period.
    /// </summary>
    /// <remarks>
    /// The remainder is taken in integer ticks before converting to radians, so the angle is exact
    /// however far the timestamp is from the origin (ω·t in seconds would lose digits).
    /// </remarks>
    public static double Angle(DateTimeOffset timestamp, TimeSpan period)
    {
        long periodTicks = period.Ticks;
        long remainder = timestamp.UtcTicks % periodTicks;
        return TwoPi * remainder / periodTicks;
    }

    /// <summary>Wraps any finite angle into [0, 2π).</summary>
    public static double Wrap(double angle)
    {
        double wrapped = angle % TwoPi;
        if (wrapped < 0)
        {
            wrapped += TwoPi;
        }

        // A tiny negative remainder plus 2π can round to exactly 2π.
        return wrapped >= TwoPi ? 0 : wrapped;
    }

    /// <summary>The label of a phase in [0, 2π) (phase 0 = peak), see <see cref="PhaseLabel"/>.</summary>
    public static PhaseLabel Label(double phase)
    {
        double p = Wrap(phase);
        if (p < QuarterPi || p > TwoPi - QuarterPi)
        {
            return PhaseLabel.Peak;
        }

        if (Math.Abs(p - Math.PI) < QuarterPi)
        {
            return PhaseLabel.Trough;
        }

        return p < Math.PI ? PhaseLabel.Falling : PhaseLabel.Rising;
    }
}
