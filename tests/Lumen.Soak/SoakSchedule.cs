namespace Lumen.Soak;

/// <summary>
/// The seeded fault schedule: faults one after another (never two at once, so each restore's lateness
/// can be put down to one cause), kinds drawn uniformly from the enabled ones, gaps and durations drawn
/// from fixed ranges. The same seed, length and kinds give the same schedule.
/// </summary>
internal static class SoakSchedule
{
    public static IReadOnlyList<FaultEvent> Generate(int seed, TimeSpan length, IReadOnlyList<FaultKind> kinds, TimeSpan gapMin, TimeSpan gapMax)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var random = new Random(seed);
        var events = new List<FaultEvent>();
        var at = gapMin;
        var i = 0;
        while (kinds.Count > 0)
        {
            // Round-robin over a seeded shuffle, so a short schedule still meets every kind once.
            if (i % kinds.Count == 0)
            {
                kinds = [.. kinds.OrderBy(_ => random.Next())];
            }

            var kind = kinds[i % kinds.Count];
            var duration = kind switch
            {
                FaultKind.PrometheusRestart or FaultKind.Kill9 => TimeSpan.FromSeconds(random.Next(1, 4)),
                FaultKind.DiskFull => TimeSpan.FromSeconds(random.Next(3, 8)),
                FaultKind.ClockJump => TimeSpan.FromSeconds(random.Next(20, 45)),
                _ => TimeSpan.FromSeconds(random.Next(3, 12)),
            };
            // A jump forward of 20..60 s; its way back comes at the end of the fault.
            var magnitude = kind == FaultKind.ClockJump ? random.Next(20, 61) : 0;
            if (at + duration > length)
            {
                break;
            }

            events.Add(new FaultEvent(at, kind, duration, magnitude));
            var gap = gapMin + TimeSpan.FromMilliseconds(random.NextDouble() * (gapMax - gapMin).TotalMilliseconds);
            at += duration + gap;
            i++;
        }

        return events;
    }
}
