using Lumen.Core.Sli;

namespace Lumen.Core.Rhythm;

/// <summary>
/// The newest usable value of each SLI in a history, found in one pass (the history may be unordered).
/// Each SLI is taken from its own newest usable sample, so a NaN in the last interval of one SLI does
/// not hide the others; how old is too old is the caller's freshness rule (<see cref="SliStatus.Stale"/>).
/// </summary>
internal readonly record struct Latest(DateTimeOffset Now, double Rps, double P95Ms, double ErrorRate, double? Health)
{
    public static Latest Of(ReadOnlySpan<SliSample> history, SloObjectives slo)
    {
        long now = long.MinValue, rpsAt = long.MinValue, p95At = long.MinValue, errAt = long.MinValue, healthAt = long.MinValue;
        DateTimeOffset nowStamp = default;
        double rps = double.NaN, p95 = double.NaN, err = double.NaN;
        double? health = null;
        foreach (ref readonly var s in history)
        {
            long t = s.Timestamp.UtcTicks;
            if (t >= now)
            {
                now = t;
                nowStamp = s.Timestamp;
            }

            if (t >= rpsAt && SliSample.IsUsable(s.Rps))
            {
                rpsAt = t;
                rps = s.Rps;
            }

            if (t >= p95At && SliSample.IsUsable(s.P95Ms))
            {
                p95At = t;
                p95 = s.P95Ms;
            }

            if (t >= errAt && SliSample.IsUsable(s.ErrorRate))
            {
                errAt = t;
                err = s.ErrorRate;
            }

            if (t >= healthAt && Rhythm.Health.Of(in s, slo) is { } h)
            {
                healthAt = t;
                health = h;
            }
        }

        return new Latest(nowStamp, rps, p95, err, health);
    }
}
