namespace Lumen.Soak;

/// <summary>A stretch of time in which the loop could not restore anything: it was not running, or the target did not answer.</summary>
internal sealed record BlockedWindow(DateTimeOffset Start, DateTimeOffset End, string Why)
{
    public TimeSpan Overlap(DateTimeOffset from, DateTimeOffset to)
    {
        var start = Start > from ? Start : from;
        var end = End < to ? End : to;
        return end > start ? end - start : TimeSpan.Zero;
    }
}
