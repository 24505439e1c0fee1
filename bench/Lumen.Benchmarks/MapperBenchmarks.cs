using BenchmarkDotNet.Attributes;
using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Benchmarks;

/// <summary>
/// The rhythm mapper over 7 days of history at 30 s intervals (20,160 samples): a daily sine with
/// seeded noise, 1 % of the values NaN, and three knobs. <c>Map</c> is what the loop runs once per
/// service per tick; <c>MapSeries</c> is <c>lumen map</c> over the same history.
/// </summary>
[MemoryDiagnoser]
public class MapperBenchmarks
{
    private static readonly SloObjectives Slo = new(P95Ms: 250, ErrorRate: 0.01);

    private readonly KnobPosition[] _knobs =
    [
        new("pool_size", 32, 4, 128),
        new("cache_mb", 256, 0, 1024),
        new("timeout_ms", 800, 100, 5000),
    ];

    private SliSample[] _history = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var start = new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);
        _history = new SliSample[7 * 24 * 120];
        for (int i = 0; i < _history.Length; i++)
        {
            var t = start.AddSeconds(30.0 * i);
            double daily = Math.Cos(2 * Math.PI * (t.TimeOfDay.TotalHours - 17) / 24);
            double rps = 400 + (250 * daily) + (40 * random.NextDouble());
            double p95 = 180 + (60 * daily) + (20 * random.NextDouble());
            double errors = 0.002 + (0.004 * random.NextDouble());
            _history[i] = random.NextDouble() < 0.01
                ? new SliSample(t, double.NaN, double.NaN, double.NaN)
                : new SliSample(t, p95, errors, rps);
        }
    }

    [Benchmark(Baseline = true)]
    public RhythmCoordinates? Map() =>
        RhythmMapper.Map(_history, RhythmOptions.Default, Slo, _knobs).Value;

    [Benchmark]
    public RhythmFit? FitOnly() =>
        HarmonicFitter.Fit(_history, RhythmOptions.Default).Value;

    [Benchmark]
    public RhythmSeries? MapSeries() =>
        RhythmMapper.MapSeries(_history, RhythmOptions.Default).Value;
}
