using Lumen.Core.Policy;
using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Tests.TestKit;

/// <summary>Coordinates mapped from 200 points of a daily rhythm (every field a full-precision double), for the entry-shape tests.</summary>
internal static class SampleCoordinates
{
    public static RhythmCoordinates Mapped()
    {
        var window = new RhythmWindow(200);
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 200; i++)
        {
            window.Add(new SliSample(t0.AddMinutes(10 * i), 200 + (50 * Math.Sin(i / 7.0)), 0.002 * (1 + Math.Cos(i / 5.0)), 100 + (60 * Math.Sin(2 * Math.PI * i / 144.0))));
        }

        return RhythmMapper.Map(window, RhythmOptions.Default, new SloObjectives(250, 0.01), [new KnobPosition("concurrency_limit", 32, 4, 256)]).Value!;
    }
}
