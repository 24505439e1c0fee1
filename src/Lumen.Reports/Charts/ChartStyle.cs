using ScottPlot;

namespace Lumen.Reports.Charts;

/// <summary>Sizes, colours and the shipped font, so every chart reads the same at 100 %.</summary>
internal static class ChartStyle
{
    public const int Width = 1200;
    public const int Height = 480;
    public const string FontName = "Lumen Sans";

    public static readonly Color Baseline = Color.FromHex("#1f77b4");
    public static readonly Color Canary = Color.FromHex("#d62728");
    public static readonly Color Slo = Color.FromHex("#222222");
    public static readonly Color PeakBand = Color.FromHex("#ff7f0e").WithAlpha(0.12);
    public static readonly Color TroughBand = Color.FromHex("#17becf").WithAlpha(0.12);
    public static readonly Color Applied = Color.FromHex("#2ca02c");
    public static readonly Color Expired = Color.FromHex("#7f7f7f");
    public static readonly Color RolledBack = Color.FromHex("#d62728");

    public static readonly Color[] Series =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"),
    ];

    private static readonly Lock FontLock = new();
    private static bool _fontsLoaded;

    /// <summary>A plot with the shared look: title, axis labels, dates on the x axis, legend top left.</summary>
    public static Plot NewPlot(string title, string yLabel)
    {
        EnsureFonts();
        var plot = new Plot();
        plot.Title(title, size: 20);
        plot.YLabel(yLabel, size: 15);
        // Spacing and label format follow the span, so a minutes-long live run and a week-long demo both read distinct ticks.
        plot.Axes.Bottom.TickGenerator = new TimeTickGenerator();
        plot.XLabel("time (UTC)", size: 15);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Legend.FontSize = 13;
        // Outside the data area, so no line hides behind it.
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static void EnsureFonts()
    {
        lock (FontLock)
        {
            if (_fontsLoaded)
            {
                return;
            }

            var directory = Path.Combine(AppContext.BaseDirectory, "Fonts");
            var regular = Path.Combine(directory, "DejaVuSans.ttf");
            var bold = Path.Combine(directory, "DejaVuSans-Bold.ttf");
            if (File.Exists(regular) && File.Exists(bold))
            {
                Fonts.AddFontFile(FontName, regular, bold: false, italic: false);
                Fonts.AddFontFile(FontName, bold, bold: true, italic: false);
                Fonts.Default = FontName;
            }

            _fontsLoaded = true;
        }
    }
}
