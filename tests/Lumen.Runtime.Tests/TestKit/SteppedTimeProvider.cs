using Microsoft.Extensions.Time.Testing;

namespace Lumen.Runtime.Tests.TestKit;

/// <summary>
/// A wall clock that can be stepped (as NTP or a restored VM steps it) over a <see cref="FakeTimeProvider"/>
/// whose monotonic timestamp keeps going forward: <see cref="GetUtcNow"/> adds <see cref="WallStep"/>,
/// timestamps and timers are the inner provider's.
/// </summary>
internal sealed class SteppedTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    public TimeSpan WallStep { get; set; }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + WallStep;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
