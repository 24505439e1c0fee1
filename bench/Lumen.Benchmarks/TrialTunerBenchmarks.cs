using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Lumen.Core.Decisions.Tuner;

namespace Lumen.Benchmarks;

/// <summary>
/// The Lumen tuner's costs with a full model (64 blocks) on checkout's three knobs: one decision
/// (posterior at up to 31 candidates, 32 Thompson draws), one block learnt and judged, and the
/// per-tick work between them (a score and a running sum). A block is about 14 ticks, so the
/// amortised cost per tick is (decision + learn) / 14 + the per-tick step; target ≤ 10 µs.
/// </summary>
[MemoryDiagnoser]
public class TrialTunerBenchmarks
{
    private static readonly ImmutableArray<KnobAxis> Axes =
    [
        new("concurrency_limit", 4, 256, 4, true),
        new("cache_size_mb", 64, 4096, 64, true),
        new("timeout_ms", 100, 5000, 100, true),
    ];

    private readonly double[] _incumbent = [32, 512, 1500];
    private readonly double[] _trial = [40, 512, 1500];
    private TrialTuner _tuner = null!;
    private ImmutableArray<double> _context;
    private double _sum;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _tuner = new TrialTuner(Axes, TunerSettings.Default, seed: 7);
        _context = TrialTuner.Context(0.8, 1.0);
        for (var i = 0; i < 64; i++)
        {
            double[] values = [4 * random.Next(6, 12), 64 * random.Next(6, 12), 100 * random.Next(12, 18)];
            _tuner.Learn(values, _incumbent, TrialTuner.Context(random.NextDouble(), random.NextDouble() * 6), random.NextDouble() * 0.2, 0.001);
        }
    }

    [Benchmark]
    public int Decide() => _tuner.Choose(_incumbent, _context, 0.25, 2).Chosen;

    [Benchmark]
    public bool LearnAndJudge() => _tuner.Learn(_trial, _incumbent, _context, 0.05, 0.001).Keep;

    [Benchmark]
    public double TickScore()
    {
        var c = TrialScore.Of(180, 0.004, 250, 0.01, TunerSettings.Default) ?? 0;
        var b = TrialScore.Of(240, 0.006, 250, 0.01, TunerSettings.Default) ?? 0;
        _sum += c - b;
        return _sum;
    }
}
