namespace Lumen.TestKit;

/// <summary>
/// A clock that shows the wall-clock time it is set to, forwards or backwards (the loop's tests and
/// the crash harness step it tick by tick; a harness restarted after a crash sets it to where the
/// ledger left off). Unlike <c>FakeTimeProvider</c>, only <see cref="GetUtcNow"/> is manual:
/// <see cref="TimeProvider.GetTimestamp"/> and timers are the system's, so measured durations are real.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);
}
