using Lumen.Core.Sli;

namespace Lumen.Core.Rhythm;

/// <summary>
/// A service's SLI history as a bounded ring buffer, oldest first, that keeps what the mapper reads
/// up to date point by point (docs/rhythm.md, "Sliding window"): the harmonic fit's sums, the
/// usable rps values in order (for the high-water quantile), the recency-weighted health sums of
/// coherence, and where the newest usable value of each SLI is. Adding a point costs O(1) (O(log n)
/// plus a short memory move for the sorted rps); mapping reads no point twice. The results equal
/// <see cref="RhythmMapper.Map(ReadOnlySpan{SliSample}, RhythmOptions, SloObjectives, ReadOnlySpan{KnobPosition})"/>
/// over <see cref="ToArray"/> up to rounding (a property test holds them to 1e-9).
/// </summary>
/// <remarks>
/// Timestamps must be strictly increasing (<see cref="Add"/> throws otherwise); a caller that may
/// see a replayed or older point drops it first. Not thread-safe.
/// <para>
/// The points are held column by column (docs/rhythm.md, "Sliding window"): rps, p95 and error rate
/// in single precision (a point is rounded to the nearest <see cref="float"/> as it is added, and
/// everything the window gives back, maps and sums is computed from the rounded values, so the
/// results are exactly those of the batch mapper over <see cref="ToArray"/>), the times as
/// milliseconds after a base (<see cref="WindowTimes"/>, exact), and the usable rps values once more
/// in ascending order (the quantile needs the values, not which points hold them). Single precision keeps 7 significant digits, far finer than a rate or a histogram
/// quantile measures; every observation entry records the reading at full precision. Saturation,
/// which the mapper never reads, is not kept. 20 bytes a point, where an array of
/// <see cref="SliSample"/> took 64; timestamps come back in UTC.
/// </para>
/// </remarks>
public sealed class RhythmWindow
{
    private readonly WindowTimes _times;
    private readonly float[] _rps;
    private readonly float[] _p95;
    private readonly float[] _errors;
    private int _head;
    private int _count;
    private long _added;

    // Absolute positions (0 = the first point ever added) of the newest point with a usable value.
    private long _lastRps = -1, _lastP95 = -1, _lastError = -1, _lastHealth = -1;

    // Absolute position of the oldest point in the window with a usable rps (-1: none).
    private long _firstRps = -1;

    // The running state for one set of options and objectives; rebuilt from the points when they change.
    private RhythmOptions? _options;
    private SloObjectives _slo;
    private double _perTick;
    private HarmonicSums _sums;
    private int _removals;

    // The usable rps values in ascending order: the high-water quantile reads it. Values, not the
    // slots that hold them: equal values are interchangeable, and a search reads one contiguous
    // array instead of following each slot to its value (two cache misses a step at 10,000 windows).
    private readonly float[] _sorted;
    private int _rpsCount;

    // The index in _sorted of the oldest point's value while Add replaces it (-1: none), so that the
    // newest value moves into its place: both are at the same point of the rhythm, a period apart, so
    // their ranks are usually close and only the entries between them move.
    private int _hole = -1;
    private float _holeRps;
    private double _weighted, _weights;
    private long _weightsAt;
    private bool _coherenceStale;

    /// <summary>Creates an empty window of at most <paramref name="capacity"/> points.</summary>
    public RhythmWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _times = new WindowTimes(capacity);
        _rps = new float[capacity];
        _p95 = new float[capacity];
        _errors = new float[capacity];
        _sorted = new float[capacity];
    }

    /// <summary>Points held.</summary>
    public int Count => _count;

    /// <summary>True when the times are held as full ticks rather than milliseconds after a base (<see cref="WindowTimes"/>).</summary>
    internal bool WideTimes => _times.Wide;

    /// <summary>The most points held; adding one more drops the oldest.</summary>
    public int Capacity => _rps.Length;

    /// <summary>The point at <paramref name="index"/>, 0 being the oldest (its timestamp in UTC).</summary>
    public SliSample this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
            return SampleAt(Slot(index));
        }
    }

    /// <summary>The newest point; only when <see cref="Count"/> &gt; 0.</summary>
    public SliSample Newest => this[_count - 1];

    /// <summary>The newest point's time in UTC ticks; only when <see cref="Count"/> &gt; 0.</summary>
    public long NewestTicks => _times[Slot(_count - 1)];

    /// <summary>Adds the newest point, dropping the oldest when full.</summary>
    /// <exception cref="ArgumentException">The point is not newer than the newest held.</exception>
    public void Add(in SliSample sample)
    {
        if (_count > 0 && sample.Timestamp.UtcTicks <= NewestTicks)
        {
            throw new ArgumentException($"points must be added in time order: {sample.Timestamp:O} is not after {Newest.Timestamp:O}", nameof(sample));
        }

        if (_count == Capacity)
        {
            RemoveOldest();
        }

        var position = _added++;
        var slot = Slot(_count);
        var ticks = sample.Timestamp.UtcTicks;
        _times.Set(slot, ticks, _count > 0 ? _times[Slot(0)] : ticks);
        _rps[slot] = (float)sample.Rps;
        _p95[slot] = (float)sample.P95Ms;
        _errors[slot] = (float)sample.ErrorRate;
        _count++;

        // What is usable is judged on the values as held (a double beyond single precision's range is held as infinite).
        if (SliSample.IsUsable(_rps[slot]))
        {
            _lastRps = position;
            if (_firstRps < 0)
            {
                _firstRps = position;
            }
        }

        if (SliSample.IsUsable(_p95[slot]))
        {
            _lastP95 = position;
        }

        if (SliSample.IsUsable(_errors[slot]))
        {
            _lastError = position;
        }

        if (SliSample.IsUsable(_p95[slot]) || SliSample.IsUsable(_errors[slot]))
        {
            _lastHealth = position;
        }

        if (_options is not null)
        {
            Include(slot);
            CloseHole();
        }
    }

    /// <summary>
    /// Drops the running sums: the next map rebuilds them from the points, in order, as for a window
    /// filled from empty (what a merge of older history does, so a merged window maps the same either way).
    /// </summary>
    public void ForgetRunningState() => _options = null;

    /// <summary>Drops every point.</summary>
    public void Clear()
    {
        _head = _count = 0;
        _lastRps = _lastP95 = _lastError = _lastHealth = _firstRps = -1;
        _options = null;
        _times.Clear();
    }

    /// <summary>Copies the points, oldest first, into <paramref name="destination"/> (at least <see cref="Count"/> long).</summary>
    public void CopyTo(Span<SliSample> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, _count);
        for (var i = 0; i < _count; i++)
        {
            destination[i] = SampleAt(Slot(i));
        }
    }

    /// <summary>The points, oldest first, as a new array (for saving, not for every tick).</summary>
    public SliSample[] ToArray()
    {
        var copy = new SliSample[_count];
        CopyTo(copy);
        return copy;
    }

    /// <summary>The first-harmonic fit of the usable rps points (same as <see cref="HarmonicFitter.Fit"/> over the window).</summary>
    public RhythmResult<RhythmFit> Fit(RhythmOptions options)
    {
        Prepare(options, _options is null ? default : _slo);
        return HarmonicFitter.Solve(in _sums, Covered, options);
    }

    /// <summary>Usable rps points held.</summary>
    public int UsableRpsPoints => _firstRps < 0 ? 0 : CountUsableRps();

    /// <summary>Time from the oldest to the newest point with a usable rps (zero when there are fewer than two).</summary>
    public TimeSpan Covered => _firstRps < 0 || _lastRps < _firstRps
        ? TimeSpan.Zero
        : TimeSpan.FromTicks(_times[SlotOf(_lastRps)] - _times[SlotOf(_firstRps)]);

    /// <summary>The oldest and newest usable rps timestamps, or null when none.</summary>
    public (DateTimeOffset First, DateTimeOffset Last)? UsableRpsSpan =>
        _firstRps < 0 ? null : (Utc(_times[SlotOf(_firstRps)]), Utc(_times[SlotOf(_lastRps)]));

    /// <summary>Prepares the running state for these options and objectives (rebuilt from the points when they changed).</summary>
    public void Prepare(RhythmOptions options, SloObjectives slo)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_options is not null && (ReferenceEquals(_options, options) || _options.Equals(options)) && _slo == slo)
        {
            if (_removals >= Capacity)
            {
                Rebuild(options, slo);
            }

            return;
        }

        Rebuild(options, slo);
    }

    /// <summary>The newest usable value of each SLI and the newest health (what <see cref="Latest.Of"/> finds in a pass).</summary>
    internal Latest NewestValues(SloObjectives slo)
    {
        var now = _count == 0 ? default : Utc(NewestTicks);
        double? health = _lastHealth >= 0 ? HealthAt(SlotOf(_lastHealth), slo) : null;
        return new Latest(now, _lastRps >= 0 ? _rps[SlotOf(_lastRps)] : double.NaN, _lastP95 >= 0 ? _p95[SlotOf(_lastP95)] : double.NaN,
            _lastError >= 0 ? _errors[SlotOf(_lastError)] : double.NaN, health);
    }

    /// <summary>The nearest-rank quantile <paramref name="q"/> of the usable rps values; NaN when none (after <see cref="Prepare"/>).</summary>
    internal double RpsQuantile(double q)
    {
        if (_rpsCount == 0)
        {
            return double.NaN;
        }

        int rank = Math.Clamp((int)Math.Ceiling(q * _rpsCount), 1, _rpsCount);
        return _sorted[rank - 1];
    }

    /// <summary>Coherence at the newest point (what <see cref="Health.Coherence"/> computes over the window; after <see cref="Prepare"/>).</summary>
    internal double? Coherence()
    {
        if (_coherenceStale)
        {
            RecomputeCoherence();
        }

        return _weights > 0 ? Math.Clamp(_weighted / _weights, 0, 1) : null;
    }

    private int Slot(int index)
    {
        var slot = _head + index;
        return slot >= Capacity ? slot - Capacity : slot;
    }

    private int SlotOf(long position) => Slot((int)(position - (_added - _count)));

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private SliSample SampleAt(int slot) => new(Utc(_times[slot]), _p95[slot], _errors[slot], _rps[slot]);

    // Health reads only the p95 and the error rate: the same value Health.Of gives for the whole sample.
    private double? HealthAt(int slot, SloObjectives slo) =>
        Health.Of(new SliSample(default, _p95[slot], _errors[slot], double.NaN), slo);

    private int CountUsableRps() => _options is not null ? _rpsCount : CountUsableRpsSlowly();

    private int CountUsableRpsSlowly()
    {
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            n += SliSample.IsUsable(_rps[Slot(i)]) ? 1 : 0;
        }

        return n;
    }

    private void RemoveOldest()
    {
        var oldest = _head;
        var position = _added - _count;
        _head = _head + 1 == Capacity ? 0 : _head + 1;
        _count--;
        if (_options is not null)
        {
            Exclude(oldest);
        }

        if (_firstRps == position)
        {
            // The next usable rps after it (each point is passed over at most once: amortised O(1)).
            _firstRps = -1;
            for (var p = position + 1; p < _added; p++)
            {
                if (SliSample.IsUsable(_rps[SlotOf(p)]))
                {
                    _firstRps = p;
                    break;
                }
            }
        }

        _lastRps = _lastRps <= position ? -1 : _lastRps;
        _lastP95 = _lastP95 <= position ? -1 : _lastP95;
        _lastError = _lastError <= position ? -1 : _lastError;
        _lastHealth = _lastHealth <= position ? -1 : _lastHealth;
    }

    private void Rebuild(RhythmOptions options, SloObjectives slo)
    {
        _options = options;
        _slo = slo;
        _perTick = 1.0 / options.CoherenceHalfLife.Ticks;
        _sums = default;
        _removals = 0;
        _rpsCount = 0;
        _hole = -1;
        _weighted = _weights = 0;
        _weightsAt = _count == 0 ? 0 : NewestTicks;
        _coherenceStale = false;
        for (var i = 0; i < _count; i++)
        {
            var slot = Slot(i);
            var rps = _rps[slot];
            if (SliSample.IsUsable(rps))
            {
                var (sin, cos) = Math.SinCos(CyclePhase.Angle(Utc(_times[slot]), options.Period));
                _sums.Add(rps, sin, cos);
                _sorted[_rpsCount++] = rps;
            }
        }

        _sorted.AsSpan(0, _rpsCount).Sort();
        RecomputeCoherence();
    }

    private void RecomputeCoherence()
    {
        _coherenceStale = false;
        _weighted = _weights = 0;
        if (_count == 0)
        {
            return;
        }

        _weightsAt = NewestTicks;
        for (var i = 0; i < _count; i++)
        {
            var slot = Slot(i);
            if (HealthAt(slot, _slo) is { } health)
            {
                double weight = double.Exp2(-(_weightsAt - _times[slot]) * _perTick);
                _weighted += weight * health;
                _weights += weight;
            }
        }
    }

    private void Include(int slot)
    {
        var rps = _rps[slot];
        if (SliSample.IsUsable(rps))
        {
            var (sin, cos) = Math.SinCos(CyclePhase.Angle(Utc(_times[slot]), _options!.Period));
            _sums.Add(rps, sin, cos);
            InsertSorted(rps);
        }

        // Coherence's sums are kept relative to the newest point: moving "now" forward scales them all by one factor.
        long t = _times[slot];
        if (t > _weightsAt)
        {
            double decay = double.Exp2(-(t - _weightsAt) * _perTick);
            _weighted *= decay;
            _weights *= decay;
            _weightsAt = t;
        }

        if (HealthAt(slot, _slo) is { } health)
        {
            _weighted += health;
            _weights += 1;
        }

        // Weights near the bottom of the double range lose their precision: recompute them from the points.
        _coherenceStale |= _weights is > 0 and < 1e-200;
    }

    private void Exclude(int slot)
    {
        _removals++;
        var rps = _rps[slot];
        if (SliSample.IsUsable(rps))
        {
            var (sin, cos) = Math.SinCos(CyclePhase.Angle(Utc(_times[slot]), _options!.Period));
            _sums.Remove(rps, sin, cos);
            CloseHole();
            _hole = LowerBound(0, _rpsCount, rps);
            _holeRps = rps;
        }

        if (HealthAt(slot, _slo) is { } health)
        {
            double weight = double.Exp2(-(_weightsAt - _times[slot]) * _perTick);
            double before = _weights;
            _weighted -= weight * health;
            _weights -= weight;

            // Taking away most of the weight leaves rounding behind: recompute from the points instead.
            _coherenceStale |= !(_weights > 1e-9 * before);
        }
    }

    /// <summary>Inserts a usable rps value into the order, into the place of the value being removed when there is one.</summary>
    private void InsertSorted(float rps)
    {
        var a = _sorted;
        if (_hole < 0)
        {
            var at = LowerBound(0, _rpsCount, rps);
            Array.Copy(a, at, a, at + 1, _rpsCount - at);
            a[at] = rps;
            _rpsCount++;
            return;
        }

        // a[hole] leaves and rps comes in (often a close value): only the entries between the two places shift by one.
        var hole = _hole;
        _hole = -1;
        if (rps > _holeRps)
        {
            var at = LowerBound(hole + 1, _rpsCount, rps);
            Array.Copy(a, hole + 1, a, hole, at - hole - 1);
            a[at - 1] = rps;
        }
        else if (rps < _holeRps)
        {
            var at = LowerBound(0, hole, rps);
            Array.Copy(a, at, a, at + 1, hole - at);
            a[at] = rps;
        }
    }

    /// <summary>Removes the entry a replacement left in place (the newest point had no usable rps).</summary>
    private void CloseHole()
    {
        if (_hole < 0)
        {
            return;
        }

        Array.Copy(_sorted, _hole + 1, _sorted, _hole, _rpsCount - _hole - 1);
        _rpsCount--;
        _hole = -1;
    }

    /// <summary>The first index in [<paramref name="from"/>, <paramref name="to"/>) of <see cref="_sorted"/> whose value is not below <paramref name="rps"/> (<paramref name="to"/> when none).</summary>
    private int LowerBound(int from, int to, float rps)
    {
        var a = _sorted;
        while (from < to)
        {
            var middle = (int)((uint)(from + to) >> 1);
            if (a[middle] < rps)
            {
                from = middle + 1;
            }
            else
            {
                to = middle;
            }
        }

        return from;
    }
}
