using System.Globalization;

namespace Lumen.Reports.Charts;

/// <summary>
/// Where the time axis gets its ticks and what they read: the spacing is the smallest round step
/// (seconds to weeks) that keeps the count within the maximum, ticks sit on whole multiples of it,
/// and the label shows no finer and no coarser than the step, so no two ticks read the same
/// (a ten-minute live run reads <c>03:14:30</c>, a demo day <c>Mon 07 Dec 03:00</c>, a week <c>Mon 07 Dec</c>).
/// </summary>
internal static class TimeTicks
{
    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
        TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(7),
        TimeSpan.FromDays(14), TimeSpan.FromDays(28),
    ];

    /// <summary>The ticks between <paramref name="from"/> and <paramref name="to"/> (UTC), at most <paramref name="maxTicks"/> of them.</summary>
    public static IReadOnlyList<(DateTime At, string Label)> Make(DateTime from, DateTime to, int maxTicks)
    {
        if (to <= from || maxTicks < 1)
        {
            return [];
        }

        var span = to - from;
        var step = Steps.FirstOrDefault(s => span.Ticks / s.Ticks + 1 <= maxTicks);
        if (step == default)
        {
            step = TimeSpan.FromDays(Math.Ceiling(span.TotalDays / maxTicks));
        }

        var format = Format(step);
        var first = new DateTime((from.Ticks + step.Ticks - 1) / step.Ticks * step.Ticks, DateTimeKind.Utc);
        var ticks = new List<(DateTime, string)>();
        for (var at = first; at <= to; at += step)
        {
            ticks.Add((at, at.ToString(format, CultureInfo.InvariantCulture)));
        }

        return ticks;
    }

    /// <summary>The label format for a step: seconds below a minute, the day and time below a day, the day below four weeks, the date with its year above.</summary>
    public static string Format(TimeSpan step) =>
        step < TimeSpan.FromMinutes(1) ? "HH:mm:ss"
        : step < TimeSpan.FromDays(1) ? "ddd dd MMM\nHH:mm"
        : step < TimeSpan.FromDays(28) ? "ddd dd MMM"
        : "dd MMM yyyy";
}
