using Lumen.Reports.Digest;

namespace Lumen.Reports.Markdown;

/// <summary>Share of ticks within the SLO (both p95 and error rate) and mean health, per track and window.</summary>
public readonly record struct SloAttainment(int Ticks, double? WithinSlo, double? MeanHealth)
{
    public static SloAttainment Of(IEnumerable<ObservationPoint> points, SloLine slo, Func<ObservationPoint, TrackSli> track)
    {
        int n = 0, within = 0;
        double health = 0;
        foreach (var point in points)
        {
            var sli = track(point);
            if (sli.MeetsSlo(slo) is { } meets && sli.Health(slo) is { } h)
            {
                n++;
                within += meets ? 1 : 0;
                health += h;
            }
        }

        return n == 0 ? new SloAttainment(0, null, null) : new SloAttainment(n, (double)within / n, health / n);
    }
}
