namespace Lumen.Cli.Bench.Tuner;

/// <summary>
/// The ticks of one benchmark run and how they are grouped: tick 1 … <see cref="Count"/> (tick t
/// is the interval that ends t intervals after the start); hour h holds ticks h·TicksPerHour + 1 …
/// (h + 1)·TicksPerHour, day d holds hours 24d … 24d + 23. The last hour (and day) may be partial;
/// runs and anchors use the same grouping, so per-hour values compare like with like.
/// </summary>
internal readonly record struct RunTicks(long Count, long TicksPerHour)
{
    public const int HoursPerDay = 24;

    public static RunTicks For(double days, int tickSeconds) => new(
        Math.Max(1, (long)Math.Round(days * 86400 / tickSeconds)),
        Math.Max(1, (long)Math.Round(3600.0 / tickSeconds)));

    /// <summary>The number of hours, the last one possibly partial.</summary>
    public int Hours => (int)((Count + TicksPerHour - 1) / TicksPerHour);

    /// <summary>The number of days, the last one possibly partial.</summary>
    public int Days => (Hours + HoursPerDay - 1) / HoursPerDay;

    /// <summary>The hour (0-based) tick <paramref name="tick"/> (1-based) belongs to.</summary>
    public int HourOf(long tick) => (int)((tick - 1) / TicksPerHour);

    /// <summary>The first and last tick (inclusive) of hour <paramref name="hour"/>.</summary>
    public (long First, long Last) HourRange(int hour) => ((hour * TicksPerHour) + 1, Math.Min(Count, (hour + 1) * TicksPerHour));
}
