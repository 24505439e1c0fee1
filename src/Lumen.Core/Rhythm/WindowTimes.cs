namespace Lumen.Core.Rhythm;

/// <summary>
/// The timestamps of a <see cref="RhythmWindow"/>'s slots in 4 bytes each (docs/rhythm.md, "Sliding
/// window"): whole milliseconds after a base, which is what every source gives (Prometheus and the
/// saved history keep milliseconds). Exact: a timestamp that is not a whole number of milliseconds
/// after the base, or a window that spans more than the 49.7 days a 32-bit count of milliseconds
/// holds, switches the window to full 8-byte ticks. The base moves up to the oldest point held when
/// the newest would not fit, so a window that slides for months stays compact.
/// </summary>
internal sealed class WindowTimes(int capacity)
{
    private const long TicksPerMs = TimeSpan.TicksPerMillisecond;

    private readonly uint[] _ms = new uint[capacity];
    private long[]? _ticks;
    private long _base;
    private bool _hasBase;

    /// <summary>True once the window holds full ticks (a timestamp off the millisecond grid, or a span over 49.7 days).</summary>
    public bool Wide => _ticks is not null;

    /// <summary>The UTC ticks of the point in <paramref name="slot"/>.</summary>
    public long this[int slot] => _ticks is { } ticks ? ticks[slot] : _base + (_ms[slot] * TicksPerMs);

    /// <summary>Sets a slot's time; <paramref name="oldest"/> is the oldest point still held (or this one when the window is empty).</summary>
    public void Set(int slot, long ticks, long oldest)
    {
        if (_ticks is { } wide)
        {
            wide[slot] = ticks;
            return;
        }

        if (!_hasBase)
        {
            _base = ticks;
            _hasBase = true;
        }

        var after = ticks - _base;
        if (after % TicksPerMs != 0 || after < 0)
        {
            Widen()[slot] = ticks;
            return;
        }

        if (after / TicksPerMs > uint.MaxValue)
        {
            Rebase(oldest);
            after = ticks - _base;
            if (after / TicksPerMs > uint.MaxValue)
            {
                Widen()[slot] = ticks;
                return;
            }
        }

        _ms[slot] = (uint)(after / TicksPerMs);
    }

    /// <summary>Forgets every time (the window was emptied): the next one is the new base, in 4 bytes again.</summary>
    public void Clear()
    {
        _ticks = null;
        _hasBase = false;
    }

    private long[] Widen()
    {
        var ticks = new long[_ms.Length];
        for (var i = 0; i < ticks.Length; i++)
        {
            ticks[i] = _base + (_ms[i] * TicksPerMs);
        }

        _ticks = ticks;
        return ticks;
    }

    // Slots of points no longer held may hold anything: they are written before they are read again.
    private void Rebase(long oldest)
    {
        var shift = (oldest - _base) / TicksPerMs;
        if (shift <= 0 || (oldest - _base) % TicksPerMs != 0)
        {
            return;
        }

        for (var i = 0; i < _ms.Length; i++)
        {
            _ms[i] = _ms[i] >= shift ? (uint)(_ms[i] - shift) : 0;
        }

        _base += shift * TicksPerMs;
    }
}
