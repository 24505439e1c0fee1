using Lumen.Core.Ledger;
using Lumen.Reports.Digest;
using ScottPlot;

namespace Lumen.Reports.Charts;

/// <summary>
/// Renders the postmortem charts of a run into PNG files (ScottPlot 5): per service the latency and
/// error rate of both tracks against the SLO with the peak/trough phases shaded, and the canary's
/// knobs with adjustment and rollback markers and the promotion and canary-rollback lines; for the run the coherence of every service against
/// coherence_min and the cumulative health of canary and baseline.
/// </summary>
public static class ChartRenderer
{
    /// <param name="entries">The ledger's entries, for the promotion and canary-rollback lines on the knob charts (none when null).</param>
    public static IReadOnlyList<ChartFile> RenderAll(RunDigest digest, string directory, IReadOnlyList<LedgerEntry>? entries = null)
    {
        ArgumentNullException.ThrowIfNull(digest);
        Directory.CreateDirectory(directory);
        var files = new List<ChartFile>();
        foreach (var service in digest.ServiceNames)
        {
            var points = digest.Observations[service];
            if (points.Count == 0)
            {
                continue;
            }

            files.Add(Save(Latency(digest, service, points), directory, $"latency-{service}.png",
                $"{service}: p95 latency of baseline and canary against the SLO"));
            files.Add(Save(Errors(digest, service, points), directory, $"errors-{service}.png",
                $"{service}: error rate of baseline and canary against the SLO"));
            files.Add(Save(Knobs(digest, service, points, entries ?? []), directory, $"knobs-{service}.png",
                $"{service}: the canary's knobs relative to the baseline, with adjustments and rollbacks"));
        }

        if (digest.Observations.Values.Any(p => p.Any(o => o.Coherence is not null)))
        {
            files.Add(Save(Coherence(digest), directory, "coherence.png", "coherence of every service against coherence_min"));
        }

        if (digest.Observations.Count > 0)
        {
            files.Add(Save(CumulativeHealth(digest), directory, "reward.png",
                "cumulative health: the tuned canary against the static baseline"));
        }

        return files;
    }

    private static ChartFile Save(Plot plot, string directory, string name, string caption)
    {
        var path = Path.Combine(directory, name);
        plot.SavePng(path, ChartStyle.Width, ChartStyle.Height);
        return new ChartFile(path, caption);
    }

    private static Plot Latency(RunDigest digest, string service, IReadOnlyList<ObservationPoint> points)
    {
        var plot = ChartStyle.NewPlot($"{service}: p95 latency", $"p95 latency (ms, {Buckets.Describe(points)})");
        PhaseBands.Draw(plot, points);
        Line(plot, Buckets.Mean(points, p => p.Baseline.P95Ms), ChartStyle.Baseline, "baseline (static defaults)");
        Line(plot, Buckets.Mean(points, p => p.Canary.P95Ms), ChartStyle.Canary, "canary (tuned)");
        var slo = plot.Add.HorizontalLine(digest.Info.Slo.LatencyP95Ms, 2, ChartStyle.Slo, LinePattern.Dashed);
        slo.LegendText = $"SLO {digest.Info.Slo.LatencyP95Ms:0.#} ms";
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, Math.Max(digest.Info.Slo.LatencyP95Ms * 1.5, plot.Axes.GetLimits().Top));
        return plot;
    }

    private static Plot Errors(RunDigest digest, string service, IReadOnlyList<ObservationPoint> points)
    {
        var plot = ChartStyle.NewPlot($"{service}: error rate", $"error rate (%, {Buckets.Describe(points)})");
        PhaseBands.Draw(plot, points);
        Line(plot, Percent(Buckets.Mean(points, p => p.Baseline.ErrorRate)), ChartStyle.Baseline, "baseline (static defaults)");
        Line(plot, Percent(Buckets.Mean(points, p => p.Canary.ErrorRate)), ChartStyle.Canary, "canary (tuned)");
        var slo = plot.Add.HorizontalLine(digest.Info.Slo.ErrorRate * 100, 2, ChartStyle.Slo, LinePattern.Dashed);
        slo.LegendText = $"SLO {digest.Info.Slo.ErrorRate * 100:0.##} %";
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, Math.Max(digest.Info.Slo.ErrorRate * 100 * 1.5, plot.Axes.GetLimits().Top));
        return plot;
    }

    private static Plot Knobs(RunDigest digest, string service, IReadOnlyList<ObservationPoint> points, IReadOnlyList<LedgerEntry> entries)
    {
        var plot = ChartStyle.NewPlot($"{service}: canary knobs", "canary value (% of the baseline's)");
        var reference = points[0].BaselineKnobs;
        var knobs = points.SelectMany(p => p.CanaryKnobs.Keys).Distinct(StringComparer.Ordinal).ToList();
        for (var k = 0; k < knobs.Count; k++)
        {
            var knob = knobs[k];
            if (!reference.TryGetValue(knob, out var baseValue) || baseValue == 0)
            {
                continue;
            }

            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var p in points)
            {
                if (p.CanaryKnobs.TryGetValue(knob, out var value))
                {
                    // A step line: the value holds until the next change.
                    if (ys.Count > 0 && ys[^1] != value / baseValue * 100)
                    {
                        xs.Add(p.Ts.UtcDateTime.ToOADate());
                        ys.Add(ys[^1]);
                    }

                    xs.Add(p.Ts.UtcDateTime.ToOADate());
                    ys.Add(value / baseValue * 100);
                }
            }

            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), ChartStyle.Series[k % ChartStyle.Series.Length]);
            line.LineWidth = 2;
            line.LegendText = $"{knob} (baseline {baseValue:0.#})";
        }

        var adjustments = digest.Adjustments.Where(a => a.Service == service && a.Track == "canary").ToList();
        Markers(plot, adjustments.Where(a => a.AppliedAt is not null && a.To is not null)
                .Select(a => (a.AppliedAt!.Value, Relative(a.To!.Value, a.Knob, reference))),
            MarkerShape.FilledTriangleUp, ChartStyle.Applied, "adjustment applied");
        Markers(plot, adjustments.Where(a => a.ExpiredAt is not null && a.From is not null)
                .Select(a => (a.ExpiredAt!.Value, Relative(a.From!.Value, a.Knob, reference))),
            MarkerShape.FilledCircle, ChartStyle.Expired, "TTL expired (restored)");
        Markers(plot, adjustments.Where(a => a.RolledBackAt is not null && a.From is not null)
                .Select(a => (a.RolledBackAt!.Value, Relative(a.From!.Value, a.Knob, reference))),
            MarkerShape.Eks, ChartStyle.RolledBack, "rolled back");
        PromotionLines(plot, entries, service);
        var hundred = plot.Add.HorizontalLine(100, 1, ChartStyle.Slo, LinePattern.Dotted);
        hundred.LegendText = "= baseline";
        return plot;
    }

    private static Plot Coherence(RunDigest digest)
    {
        var plot = ChartStyle.NewPlot("Coherence", "coherence (0–1)");
        var i = 0;
        foreach (var service in digest.ServiceNames)
        {
            var points = digest.Observations[service];
            Line(plot, Buckets.Mean(points, p => p.Coherence), ChartStyle.Series[i++ % ChartStyle.Series.Length], service);
        }

        if (digest.Info.Slo.CoherenceMin is { } min)
        {
            var line = plot.Add.HorizontalLine(min, 2, ChartStyle.Slo, LinePattern.Dashed);
            line.LegendText = $"coherence_min {min:0.##} (the brake)";
        }

        plot.Axes.AutoScaleX();
        plot.Axes.SetLimitsY(0, 1.05);
        return plot;
    }

    private static Plot CumulativeHealth(RunDigest digest)
    {
        var plot = ChartStyle.NewPlot("Cumulative health: tuned canary vs static baseline", "cumulative health (SLO-hours)");
        var i = 0;
        foreach (var service in digest.ServiceNames)
        {
            var points = digest.Observations[service];
            var color = ChartStyle.Series[i++ % ChartStyle.Series.Length];
            var canary = Cumulative(points, digest.Info.Slo, p => p.Canary);
            var baseline = Cumulative(points, digest.Info.Slo, p => p.Baseline);
            var c = plot.Add.ScatterLine(canary.X, canary.Y, color);
            c.LineWidth = 2.5f;
            c.LegendText = $"{service} canary (tuned): {canary.Y.LastOrDefault():0.0}";
            var b = plot.Add.ScatterLine(baseline.X, baseline.Y, color);
            b.LineWidth = 2;
            b.LinePattern = LinePattern.Dashed;
            b.LegendText = $"{service} baseline (static): {baseline.Y.LastOrDefault():0.0}";
        }

        plot.Axes.AutoScale();
        return plot;
    }

    /// <summary>Σ health × tick length in hours: one SLO-hour is an hour spent fully within the SLO.</summary>
    private static (double[] X, double[] Y) Cumulative(IReadOnlyList<ObservationPoint> points, SloLine slo, Func<ObservationPoint, TrackSli> track)
    {
        var size = Buckets.SizeFor(points.Count);
        var xs = new List<double>();
        var ys = new List<double>();
        var sum = 0.0;
        for (var i = 0; i < points.Count; i++)
        {
            var hours = i == 0 ? 0 : (points[i].Ts - points[i - 1].Ts).TotalHours;
            sum += (track(points[i]).Health(slo) ?? 0) * hours;
            if (i % size == size - 1 || i == points.Count - 1)
            {
                xs.Add(points[i].Ts.UtcDateTime.ToOADate());
                ys.Add(sum);
            }
        }

        return ([.. xs], [.. ys]);
    }

    /// <summary>A vertical line where the service was promoted (the baseline took the canary's knobs) or its canary was rolled back.</summary>
    private static void PromotionLines(Plot plot, IReadOnlyList<LedgerEntry> entries, string service)
    {
        foreach (var (kind, color, legend) in new[]
                 {
                     (LedgerKinds.PromotionApplied, ChartStyle.Applied, "promoted to the baseline"),
                     (LedgerKinds.CanaryRolledBack, ChartStyle.RolledBack, "canary rolled back (bad release)"),
                 })
        {
            var first = true;
            foreach (var entry in entries.Where(e => e.Kind == kind && e.Service == service))
            {
                var line = plot.Add.VerticalLine(entry.Ts.UtcDateTime.ToOADate(), 2, color, LinePattern.Dashed);
                line.LegendText = first ? legend : "";
                first = false;
            }
        }
    }

    private static double Relative(double value, string knob, IReadOnlyDictionary<string, double> reference) =>
        reference.TryGetValue(knob, out var b) && b != 0 ? value / b * 100 : double.NaN;

    private static void Markers(Plot plot, IEnumerable<(DateTimeOffset At, double Y)> points, MarkerShape shape, Color color, string legend)
    {
        var list = points.Where(p => double.IsFinite(p.Y)).ToList();
        if (list.Count == 0)
        {
            return;
        }

        var markers = plot.Add.Markers(list.Select(p => p.At.UtcDateTime.ToOADate()).ToArray(), list.Select(p => p.Y).ToArray(),
            shape, 9, color);
        markers.LegendText = $"{legend} ({list.Count})";
    }

    private static void Line(Plot plot, (double[] X, double[] Y) series, Color color, string legend)
    {
        var line = plot.Add.ScatterLine(series.X, series.Y, color);
        line.LineWidth = 2;
        line.LegendText = legend;
    }

    private static (double[] X, double[] Y) Percent((double[] X, double[] Y) series) =>
        (series.X, series.Y.Select(v => v * 100).ToArray());
}
