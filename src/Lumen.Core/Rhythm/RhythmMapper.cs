using System.Collections.Immutable;
using Lumen.Core.Sli;

namespace Lumen.Core.Rhythm;

/// <summary>
/// The rhythm mapper (docs/rhythm.md): a pure function from a service's SLI history, its objectives and its
/// knobs to its coordinates and the bandit's context vector. No I/O, no clock: "now" is the newest
/// timestamp in the history. Timestamps may be irregular, unordered or have gaps; unusable values
/// (NaN, ±Inf, negative) are skipped, never read as 0.
/// </summary>
public static class RhythmMapper
{
    /// <summary>Maps the history to the coordinates of its newest point, or "not enough history".</summary>
    /// <exception cref="ArgumentException">Invalid options, objectives or knobs: a configuration bug, not a data state.</exception>
    public static RhythmResult<RhythmCoordinates> Map(
        ReadOnlySpan<SliSample> history,
        RhythmOptions options,
        SloObjectives slo,
        ReadOnlySpan<KnobPosition> knobs)
    {
        ThrowIfInvalid(options, slo, knobs);
        var fitted = HarmonicFitter.Fit(history, options);
        if (!fitted.IsOk)
        {
            return fitted.Cast<RhythmCoordinates>();
        }

        var latest = Latest.Of(history, slo);
        return Coordinates(fitted.Value, latest, HighWater(history, options),
            Health.Coherence(history, slo, latest.Now, options.CoherenceHalfLife), options, slo, knobs);
    }

    /// <summary>
    /// Maps a sliding window to the coordinates of its newest point from its running sums (docs/rhythm.md,
    /// "Sliding window"): the same result as the span overload over the window's points, without reading them.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, objectives or knobs.</exception>
    public static RhythmResult<RhythmCoordinates> Map(
        RhythmWindow window,
        RhythmOptions options,
        SloObjectives slo,
        ReadOnlySpan<KnobPosition> knobs)
    {
        ArgumentNullException.ThrowIfNull(window);
        ThrowIfInvalid(options, slo, knobs);
        window.Prepare(options, slo);
        var fitted = window.Fit(options);
        if (!fitted.IsOk)
        {
            return fitted.Cast<RhythmCoordinates>();
        }

        double q = window.RpsQuantile(options.LoadQuantile);
        double highWater = q > 0 ? q : window.RpsQuantile(1.0);
        return Coordinates(fitted.Value, window.NewestValues(slo), highWater, window.Coherence(), options, slo, knobs);
    }

    private static RhythmResult<RhythmCoordinates> Coordinates(RhythmFit fit, Latest latest, double highWater, double? coherence,
        RhythmOptions options, SloObjectives slo, ReadOnlySpan<KnobPosition> knobs)
    {
        double load = Load(latest.Rps, highWater);
        double? phase = fit.PhaseOrNull(latest.Now);
        double? latencyPressure = SliSample.IsUsable(latest.P95Ms) ? latest.P95Ms / slo.P95Ms : null;
        double? errorPressure = SliSample.IsUsable(latest.ErrorRate) ? latest.ErrorRate / slo.ErrorRate : null;

        var positions = new double[knobs.Length];
        var features = new double[FeatureLayout.Dimension(knobs.Length)];
        features[FeatureLayout.Bias] = 1;
        features[FeatureLayout.Load] = Math.Clamp(load, 0, options.LoadClip);
        if (phase is { } knownPhase)
        {
            var (sin, cos) = Math.SinCos(knownPhase);
            features[FeatureLayout.PhaseSin] = sin;
            features[FeatureLayout.PhaseCos] = cos;
        }

        features[FeatureLayout.LatencyPressure] = Math.Clamp(latencyPressure ?? 0, 0, options.PressureClip);
        features[FeatureLayout.ErrorPressure] = Math.Clamp(errorPressure ?? 0, 0, options.PressureClip);
        features[FeatureLayout.Incoherence] = coherence is { } c ? 1 - c : 0;
        for (int i = 0; i < knobs.Length; i++)
        {
            positions[i] = knobs[i].Normalised;
            features[FeatureLayout.FirstKnob + i] = positions[i];
        }

        return RhythmResult<RhythmCoordinates>.Ok(new RhythmCoordinates(
            latest.Now,
            latest.Rps,
            highWater,
            load,
            phase,
            phase is { } p ? CyclePhase.Label(p) : PhaseLabel.Unknown,
            fit,
            latencyPressure,
            errorPressure,
            latest.Health,
            coherence,
            ImmutableArray.Create(positions),
            ImmutableArray.Create(features)));
    }

    /// <summary>
    /// Maps every point of a history against one fit of the whole history (for <c>lumen map</c> and
    /// reports): load, phase and label per point, in input order.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public static RhythmResult<RhythmSeries> MapSeries(ReadOnlySpan<SliSample> history, RhythmOptions options)
    {
        ThrowIfInvalid(options);
        var fitted = HarmonicFitter.Fit(history, options);
        if (!fitted.IsOk)
        {
            return fitted.Cast<RhythmSeries>();
        }

        var fit = fitted.Value;
        double highWater = HighWater(history, options);
        var points = ImmutableArray.CreateBuilder<RhythmPoint>(history.Length);
        var newest = history[0].Timestamp;
        foreach (ref readonly var sample in history)
        {
            double? load = SliSample.IsUsable(sample.Rps) ? Load(sample.Rps, highWater) : null;
            double? phase = fit.PhaseOrNull(sample.Timestamp);
            points.Add(new RhythmPoint(
                sample.Timestamp,
                sample.Rps,
                load,
                phase,
                phase is { } p ? CyclePhase.Label(p) : PhaseLabel.Unknown));
            if (sample.Timestamp.UtcTicks > newest.UtcTicks)
            {
                newest = sample.Timestamp;
            }
        }

        return RhythmResult<RhythmSeries>.Ok(new RhythmSeries(fit, highWater, newest.Offset, points.MoveToImmutable()));
    }

    // The high-water mark is the options' quantile (p90) of rps. When most of the history is idle that
    // quantile can be 0; then the maximum is used, so load stays finite and still means "share of busiest".
    private static double HighWater(ReadOnlySpan<SliSample> history, RhythmOptions options)
    {
        double q = Quantile.OfRps(history, options.LoadQuantile);
        return q > 0 ? q : Quantile.OfRps(history, 1.0);
    }

    private static double Load(double rps, double highWater) => highWater > 0 ? rps / highWater : 0;

    private static void ThrowIfInvalid(RhythmOptions options, SloObjectives slo, ReadOnlySpan<KnobPosition> knobs)
    {
        ThrowIfInvalid(options);
        if (slo.Problem is { } sloProblem)
        {
            throw new ArgumentException(sloProblem, nameof(slo));
        }

        foreach (ref readonly var knob in knobs)
        {
            if (knob.Problem is { } knobProblem)
            {
                throw new ArgumentException(knobProblem, nameof(knobs));
            }
        }
    }

    private static void ThrowIfInvalid(RhythmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid rhythm options: " + string.Join("; ", problems), nameof(options));
        }
    }
}
