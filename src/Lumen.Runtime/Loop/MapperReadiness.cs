using System.Globalization;
using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>
/// Whether the mapper of one service has the history it needs (docs/live.md, "Warm-up"): at least
/// <see cref="RhythmOptions.MinValidPoints"/> usable rps points spanning
/// <see cref="RhythmOptions.MinCoverage"/> of the period. While it warms up the loop decides nothing
/// for the service (its coordinates are unknown); rollbacks still happen.
/// </summary>
/// <param name="History">Span of the usable rps history (first to last point).</param>
/// <param name="Needed">The span the mapper needs (<c>MinCoverage × Period</c>).</param>
/// <param name="ReadyAt">When the history will be long enough if the loop keeps collecting; null when ready.</param>
/// <param name="Reason">The mapper's own reason while not ready.</param>
public sealed record MapperReadiness(
    string Service,
    bool Ready,
    TimeSpan History,
    TimeSpan Needed,
    int Points,
    DateTimeOffset? ReadyAt,
    string? Reason)
{
    /// <summary>One line for people: "ready (24 h of history)" or "warming up: 4 h of 12 h, ready at …".</summary>
    public string Describe() => Ready
        ? $"ready ({Hours(History)} of history)"
        : $"warming up: {Hours(History)} of {Hours(Needed)}" + (ReadyAt is { } at ? $", ready at {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)}" : "");

    public static MapperReadiness Of(string service, ReadOnlySpan<SliSample> history, RhythmOptions rhythm, DateTimeOffset now, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(rhythm);
        DateTimeOffset? first = null, last = null;
        var points = 0;
        foreach (ref readonly var s in history)
        {
            if (!SliSample.IsUsable(s.Rps))
            {
                continue;
            }

            points++;
            first = first is null || s.Timestamp < first ? s.Timestamp : first;
            last = last is null || s.Timestamp > last ? s.Timestamp : last;
        }

        var span = first is { } f && last is { } l ? l - f : TimeSpan.Zero;
        return Of(service, HarmonicFitter.Fit(history, rhythm), points, span, rhythm, now, interval);
    }

    /// <summary>The same readiness from a sliding window's running state, without reading its points (every tick).</summary>
    public static MapperReadiness Of(string service, RhythmWindow history, RhythmOptions rhythm, DateTimeOffset now, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(rhythm);
        var span = history.UsableRpsSpan is { } s ? s.Last - s.First : TimeSpan.Zero;
        return Of(service, history.Fit(rhythm), history.UsableRpsPoints, span, rhythm, now, interval);
    }

    private static MapperReadiness Of(string service, RhythmResult<RhythmFit> fit, int points, TimeSpan span, RhythmOptions rhythm,
        DateTimeOffset now, TimeSpan interval)
    {
        var needed = rhythm.Period * rhythm.MinCoverage;
        if (fit.IsOk)
        {
            return new MapperReadiness(service, true, span, needed, points, null, null);
        }

        // Collecting from now on, one point per interval: the span grows by the time that passes,
        // the count by one per interval; whichever takes longer sets the time.
        var forSpan = needed - span;
        var forPoints = interval * Math.Max(0, rhythm.MinValidPoints - points);
        var wait = forSpan > forPoints ? forSpan : forPoints;
        return new MapperReadiness(service, false, span, needed, points, wait > TimeSpan.Zero ? now + wait : null, fit.NotEnoughHistory);
    }

    /// <summary>"4 h", "90 min", "30 s": coarse on purpose, a warm-up is read at a glance.</summary>
    public static string Hours(TimeSpan t) =>
        t.TotalHours >= 2 ? FormattableString.Invariant($"{t.TotalHours:0.#} h")
        : t.TotalMinutes >= 2 ? FormattableString.Invariant($"{t.TotalMinutes:0} min")
        : FormattableString.Invariant($"{t.TotalSeconds:0} s");
}
