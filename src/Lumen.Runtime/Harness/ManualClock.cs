namespace Lumen.Runtime.Harness;

/// <summary>
/// A clock that shows the time it is set to (simulated time for the crash harness and the tests:
/// days in seconds; the demo uses the simulator's own clock). Timestamps for durations still come from the real monotonic clock.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);
}
