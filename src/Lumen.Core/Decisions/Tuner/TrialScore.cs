namespace Lumen.Core.Decisions.Tuner;

/// <summary>
/// The per-interval score of a track (docs/bandit.md, "Reward"): the log of the smaller SLO margin
/// <c>m = min(log(SLO_p95 / p95), log(SLO_err / err))</c>, clipped to [floor, cap], counted fully
/// below the SLO (m &lt; 0, where health = e^m) and with <see cref="TunerSettings.MarginWeight"/>
/// above it. Maximising it maximises health; unlike health it does not stop at 1, so there is
/// signal while both tracks meet the SLO (more margin, a lower error-budget burn:
/// <c>log(SLO_err/err) = −log(burn rate)</c>), but that signal is small, so noise in the margin of a
/// healthy service does not walk the configuration away from what the busy hours need.
/// Null when either input is unusable.
/// </summary>
public static class TrialScore
{
    public static double? Of(double p95Ms, double errorRate, double sloP95Ms, double sloErrorRate, TunerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!double.IsFinite(p95Ms) || p95Ms < 0 || !double.IsFinite(errorRate) || errorRate < 0 || errorRate > 1
            || !(sloP95Ms > 0) || !(sloErrorRate > 0))
        {
            return null;
        }

        var latency = p95Ms > 0 ? Math.Log(sloP95Ms / p95Ms) : settings.ScoreCap;
        var errors = errorRate > 0 ? Math.Log(sloErrorRate / errorRate) : settings.ScoreCap;
        var margin = Math.Clamp(Math.Min(latency, errors), settings.ScoreFloor, settings.ScoreCap);
        return margin < 0 ? margin : settings.MarginWeight * margin;
    }
}
