namespace Lumen.Soak;

/// <summary>
/// How one knob episode ended, judged on the target's side: <c>OnTime</c> when the knob was back at its
/// baseline within ttl + one interval (+ <see cref="Slack"/> for the watcher's polling and the tick's
/// own duration); <c>LateExcused</c> when the overshoot fits twice the time the loop was blocked
/// after the due time (down, or the target not answering: a failed restore is retried with a backoff
/// that starts at one interval and doubles); otherwise <c>Late</c>.
/// </summary>
internal static class EpisodeVerdict
{
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    public static (string Verdict, TimeSpan Overshoot) Judge(KnobEpisode episode, TimeSpan ttl, TimeSpan interval, IReadOnlyList<BlockedWindow> blocked)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(blocked);
        if (episode.End is not { } end)
        {
            return ("NotRestored", TimeSpan.MaxValue);
        }

        var due = episode.Start + ttl;
        var overshoot = end - due - interval - Slack;
        if (overshoot <= TimeSpan.Zero)
        {
            return ("OnTime", overshoot);
        }

        var excuse = blocked.Aggregate(TimeSpan.Zero, (sum, w) => sum + w.Overlap(due, end));
        return (overshoot <= 2 * excuse ? "LateExcused" : "Late", overshoot);
    }
}
