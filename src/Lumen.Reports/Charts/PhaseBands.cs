using Lumen.Core.Rhythm;
using Lumen.Reports.Digest;

namespace Lumen.Reports.Charts;

/// <summary>Contiguous runs of the mapper's peak and trough labels, drawn as shaded bands.</summary>
internal static class PhaseBands
{
    public static IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End, PhaseLabel Label)> From(IReadOnlyList<ObservationPoint> points)
    {
        var bands = new List<(DateTimeOffset, DateTimeOffset, PhaseLabel)>();
        var i = 0;
        while (i < points.Count)
        {
            var label = points[i].Phase;
            var j = i;
            while (j + 1 < points.Count && points[j + 1].Phase == label)
            {
                j++;
            }

            if (label is PhaseLabel.Peak or PhaseLabel.Trough)
            {
                bands.Add((points[i].Ts, points[j].Ts, label));
            }

            i = j + 1;
        }

        return bands;
    }

    public static void Draw(ScottPlot.Plot plot, IReadOnlyList<ObservationPoint> points)
    {
        bool peakNamed = false, troughNamed = false;
        foreach (var (start, end, label) in From(points))
        {
            var peak = label == PhaseLabel.Peak;
            var span = plot.Add.HorizontalSpan(start.UtcDateTime.ToOADate(), end.UtcDateTime.ToOADate(),
                peak ? ChartStyle.PeakBand : ChartStyle.TroughBand);
            span.LineStyle.Width = 0;
            if (peak && !peakNamed)
            {
                span.LegendText = "peak phase";
                peakNamed = true;
            }
            else if (!peak && !troughNamed)
            {
                span.LegendText = "trough phase";
                troughNamed = true;
            }
        }
    }
}
