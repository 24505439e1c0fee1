using Lumen.Core.Canary;
using Lumen.Simulator.Environments;
using Lumen.Simulator.Load;
using Lumen.Simulator.Model;

namespace Lumen.Simulator.World;

/// <summary>The mutable state of one simulated service: knobs per track, and the last interval's results.</summary>
internal sealed class ServiceState
{
    public ServiceState(ServiceSpec spec, int index, SimEnvironment environment)
    {
        Spec = spec;
        Curve = new LoadCurve(spec.Load, index, environment.TickSeconds, environment.Start);
        ConcurrencyIndex = IndexOf(spec, KnobNames.Concurrency);
        CacheIndex = IndexOf(spec, KnobNames.CacheSize);
        TimeoutIndex = IndexOf(spec, KnobNames.Timeout);
        var defaults = spec.Knobs.Select(k => k.Default).ToArray();
        Knobs = [[.. defaults], [.. defaults]];
        Instances = [spec.BaselineInstances, spec.CanaryInstances];
        Regressions =
        [
            Windows(environment, spec.Name, CanaryTrack.Baseline),
            Windows(environment, spec.Name, CanaryTrack.Canary),
        ];
    }

    public ServiceSpec Spec { get; }

    public LoadCurve Curve { get; }

    public int ConcurrencyIndex { get; }

    public int CacheIndex { get; }

    public int TimeoutIndex { get; }

    /// <summary>Knob values per track (index = (int)Track), in the spec's knob order.</summary>
    public double[][] Knobs { get; }

    public int[] Instances { get; }

    public int TotalInstances => Instances[0] + Instances[1];

    public (double StartSeconds, Impairment Impairment)[][] Regressions { get; }

    public double LoadRps { get; set; }

    public SimReading[] Readings { get; } = new SimReading[2];

    public SliExpectation[] Expected { get; } = new SliExpectation[2];

    public LatencyDistribution[] Latency { get; } = new LatencyDistribution[2];

    /// <summary>The model's load-independent shape per track, cached until a knob, the cache's fill or a regression changes.</summary>
    public ServiceShape[] Shapes { get; } = new ServiceShape[2];

    /// <summary>Per track: the cache's fill and any restart under way.</summary>
    public CacheState[] Memory { get; } = new CacheState[2];

    /// <summary>Per track: whether a retry storm ran in the last interval.</summary>
    public bool[] Storm { get; } = new bool[2];

    /// <summary>Per track: the share of the last interval its instances spent restarting.</summary>
    public double[] DownShare { get; } = new double[2];

    private readonly ModelKnobs[] _shapedKnobs = new ModelKnobs[2];
    private readonly Impairment[] _shapedImpairment = new Impairment[2];
    private readonly bool[] _shaped = new bool[2];
    private readonly Lock _loadsLock = new();
    private double[] _expectedLoads = [];

    /// <summary>The shape of a track for knobs whose cache size is the cache as filled; cached.</summary>
    public ServiceShape ShapeOf(CanaryTrack track, in ModelKnobs filled, double endSeconds)
    {
        var t = (int)track;
        var impairment = ImpairmentAt(track, endSeconds);
        if (!_shaped[t] || filled != _shapedKnobs[t] || impairment != _shapedImpairment[t])
        {
            Shapes[t] = ServiceModel.Shape(Spec.Model, filled, impairment);
            _shapedKnobs[t] = filled;
            _shapedImpairment[t] = impairment;
            _shaped[t] = true;
        }

        return Shapes[t];
    }

    public ModelKnobs Values(ReadOnlySpan<double> knobs) => new(
        ConcurrencyIndex >= 0 ? knobs[ConcurrencyIndex] : Spec.Model.Cores,
        CacheIndex >= 0 ? knobs[CacheIndex] : 0,
        TimeoutIndex >= 0 ? knobs[TimeoutIndex] : double.PositiveInfinity);

    /// <summary>
    /// The expected per-instance client load of every interval 1..<paramref name="tick"/> (index = tick;
    /// rhythm and bursts, no noise), computed once and grown on demand, for the noise-free questions
    /// that look back over the load's history (a retry storm's hysteresis).
    /// </summary>
    public double[] ExpectedLoads(ulong seed, long tick)
    {
        var loads = Volatile.Read(ref _expectedLoads);
        if (tick < loads.Length)
        {
            return loads;
        }

        lock (_loadsLock)
        {
            loads = _expectedLoads;
            if (tick < loads.Length)
            {
                return loads;
            }

            var length = (int)Math.Min(int.MaxValue - 1, Math.Max(tick + 1, Math.Max(2L * loads.Length, 1024)));
            var grown = new double[length];
            loads.AsSpan().CopyTo(grown);
            for (var i = Math.Max(1, loads.Length); i < length; i++)
            {
                grown[i] = Curve.Expected(seed, i) / TotalInstances;
            }

            Volatile.Write(ref _expectedLoads, grown);
            return grown;
        }
    }

    /// <summary>The regressions active on a track in the interval that ends at <paramref name="endSeconds"/>.</summary>
    public Impairment ImpairmentAt(CanaryTrack track, double endSeconds)
    {
        var windows = Regressions[(int)track];
        if (windows.Length == 0)
        {
            return Impairment.None;
        }

        var factor = 1.0;
        var healthy = 1.0;
        foreach (var (start, impairment) in windows)
        {
            if (endSeconds > start)
            {
                factor *= impairment.LatencyFactor;
                healthy *= 1 - impairment.ExtraErrorRate;
            }
        }

        return new Impairment(factor, 1 - healthy);
    }

    private static int IndexOf(ServiceSpec spec, string knob)
    {
        for (var i = 0; i < spec.Knobs.Length; i++)
        {
            if (string.Equals(spec.Knobs[i].Name, knob, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static (double, Impairment)[] Windows(SimEnvironment environment, string service, CanaryTrack track) => environment.Regressions
        .Where(r => string.Equals(r.Service, service, StringComparison.Ordinal) && r.Track == track)
        .Select(r => (r.At.TotalSeconds, new Impairment(r.LatencyFactor, r.ExtraErrorRate)))
        .ToArray();
}
