using BenchmarkDotNet.Attributes;
using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Benchmarks;

/// <summary>
/// One service's mapping per tick over a full day of history at 30 s (2,880 points): the sliding
/// window (add the new point, map from the running sums) against the batch mapper over a copy of
/// the history, which is what a tick did before the window.
/// </summary>
[MemoryDiagnoser]
public class RhythmWindowBenchmarks
{
    private const int Points = 2880;
    private static readonly SloObjectives Slo = new(250, 0.01);
    private static readonly KnobPosition[] Knobs =
        [new("concurrency_limit", 32, 4, 256), new("cache_size_mb", 512, 64, 4096), new("timeout_ms", 1500, 100, 5000)];

    private readonly Random _random = new(3);
    private RhythmWindow _window = null!;
    private SliSample[] _copy = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        _window = new RhythmWindow(Points);
        _now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Points; i++)
        {
            _window.Add(Next());
        }

        _copy = new SliSample[Points];
        RhythmMapper.Map(_window, RhythmOptions.Default, Slo, Knobs);
    }

    [Benchmark(Baseline = true)]
    public RhythmResult<RhythmCoordinates> BatchCopyAndMap()
    {
        _window.Add(Next());
        _window.CopyTo(_copy);
        return RhythmMapper.Map(_copy, RhythmOptions.Default, Slo, Knobs);
    }

    [Benchmark]
    public RhythmResult<RhythmCoordinates> SlidingAddAndMap()
    {
        _window.Add(Next());
        return RhythmMapper.Map(_window, RhythmOptions.Default, Slo, Knobs);
    }

    private SliSample Next()
    {
        _now = _now.AddSeconds(30);
        var angle = CyclePhase.Angle(_now, TimeSpan.FromDays(1));
        return new SliSample(_now, 150 + (50 * _random.NextDouble()), 0.002 * _random.NextDouble(),
            1000 * (1.2 + Math.Cos(angle)) * (0.95 + (0.1 * _random.NextDouble())));
    }
}
