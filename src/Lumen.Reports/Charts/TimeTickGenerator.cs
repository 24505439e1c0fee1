using ScottPlot;

namespace Lumen.Reports.Charts;

/// <summary>The chart's time axis (OLE dates, UTC): ticks and labels from <see cref="TimeTicks"/>, about one per 130 pixels.</summary>
internal sealed class TimeTickGenerator : ITickGenerator
{
    private const double PixelsPerTick = 130;

    public Tick[] Ticks { get; set; } = [];

    public int MaxTickCount { get; set; } = 10_000;

    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        if (!double.IsFinite(range.Min) || !double.IsFinite(range.Max) || range.Max <= range.Min
            || range.Min < -657_434 || range.Max > 2_958_465)
        {
            Ticks = [];
            return;
        }

        var max = Math.Clamp((int)(size.Length / PixelsPerTick), 2, 12);
        Ticks = TimeTicks.Make(DateTime.FromOADate(range.Min), DateTime.FromOADate(range.Max), max)
            .Select(t => Tick.Major(t.At.ToOADate(), t.Label))
            .ToArray();
    }
}
