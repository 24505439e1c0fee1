using Lumen.Simulator.Environments;
using Lumen.Simulator.Randomness;
using Lumen.Simulator.Traces;

namespace Lumen.Simulator.Load;

/// <summary>
/// A service's total request rate as a pure function of (seed, tick): the rhythm (daily cosine or
/// trace), times a burst factor, times Gaussian noise. Being pure, any tick can be evaluated in any
/// order (the oracle and the charts use that), and no state needs to be carried between ticks.
/// </summary>
internal sealed class LoadCurve
{
    private readonly LoadSpec _spec;
    private readonly int _service;
    private readonly double _tickSeconds;
    private readonly double _startHour;
    private readonly double[]? _trace;
    private readonly double _traceInterval;
    private readonly double _traceScale;
    private readonly double _traceOffset;
    private readonly double _burstWindowSeconds;
    private readonly double _burstProbability;

    public LoadCurve(LoadSpec spec, int service, int tickSeconds, DateTimeOffset start)
    {
        _spec = spec;
        _service = service;
        _tickSeconds = tickSeconds;
        var utc = start.UtcDateTime;
        _startHour = utc.TimeOfDay.TotalHours;
        if (spec is TraceLoadSpec trace)
        {
            var data = trace.Data ?? TraceLibrary.Load(trace.Trace);
            _trace = [.. data.Values];
            _traceInterval = data.IntervalSeconds;
            _traceScale = data.Max > 0 ? trace.PeakRps / data.Max : 0;
            _traceOffset = trace.Offset.TotalSeconds;
        }

        _burstWindowSeconds = Math.Max(1, spec.Bursts.Minutes * 60);
        _burstProbability = Math.Clamp(spec.Bursts.PerDay * spec.Bursts.Minutes / 1440.0, 0, 1);
    }

    /// <summary>The rhythm alone (no bursts, no noise) at an offset from the start.</summary>
    public double Rhythm(double secondsSinceStart)
    {
        if (_trace is null)
        {
            var daily = (DailyLoadSpec)_spec;
            var hour = _startHour + secondsSinceStart / 3600.0;
            var cosine = Math.Cos(2 * Math.PI * (hour - daily.PeakHour) / 24.0);
            return daily.BaseRps + (daily.PeakRps - daily.BaseRps) * 0.5 * (1 + cosine);
        }

        var position = (_traceOffset + secondsSinceStart) / _traceInterval;
        var floor = Math.Floor(position);
        var fraction = position - floor;
        var n = _trace.Length;
        var i = (int)(((long)floor % n + n) % n);
        var next = i + 1 == n ? 0 : i + 1;
        return _traceScale * (_trace[i] + fraction * (_trace[next] - _trace[i]));
    }

    /// <summary>The burst multiplier at an offset: each window of the burst's length is bursty with
    /// probability per_day·minutes/1440, decided by a hash of (seed, window).</summary>
    public double BurstFactor(ulong seed, double secondsSinceStart)
    {
        if (_burstProbability <= 0)
        {
            return 1.0;
        }

        var window = (long)Math.Floor(secondsSinceStart / _burstWindowSeconds);
        var random = SplitMix.For(seed, RandomStream.Bursts, window, _service, 0);
        return random.NextDouble() < _burstProbability ? _spec.Bursts.Factor : 1.0;
    }

    /// <summary>The expected rate of the interval that ends at <paramref name="tick"/> (rhythm and bursts,
    /// evaluated at the interval's midpoint), without noise.</summary>
    public double Expected(ulong seed, long tick)
    {
        var midpoint = (tick - 0.5) * _tickSeconds;
        return Rhythm(midpoint) * BurstFactor(seed, midpoint);
    }

    /// <summary>The actual rate of the interval that ends at <paramref name="tick"/>: expected × (1 + noise·Z), ≥ 0.</summary>
    public double Actual(ulong seed, long tick)
    {
        var expected = Expected(seed, tick);
        if (_spec.Noise <= 0)
        {
            return expected;
        }

        var random = SplitMix.For(seed, RandomStream.LoadNoise, tick, _service, 0);
        return expected * Math.Max(0, 1 + _spec.Noise * random.NextGaussian());
    }
}
