using BenchmarkDotNet.Attributes;
using Lumen.Core.Decisions.Bandit;

namespace Lumen.Benchmarks;

/// <summary>
/// One LinUCB decision plus the update of the chosen arm, in steady state (a warmed-up model,
/// preallocated buffers). Target: under 2 µs and zero bytes allocated at d = 16, K = 9.
/// </summary>
[MemoryDiagnoser]
public class LinUcbBenchmarks
{
    private const int Contexts = 256;
    private LinUcbModel model = null!;
    private ArmScore[] scores = null!;
    private double[][] contexts = null!;
    private double[] rewards = null!;
    private int next;

    [Params(8, 16, 32)]
    public int D { get; set; }

    /// <summary>Arms: hold + increase/decrease of (K − 1)/2 knobs.</summary>
    [Params(3, 9, 33)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var arms = Arm.ForKnobs(Enumerable.Range(0, (K - 1) / 2).Select(i => $"knob{i}"));
        model = LinUcbModel.Create(arms, D, seed: 42);
        scores = new ArmScore[K];
        contexts = new double[Contexts][];
        rewards = new double[Contexts];
        for (var c = 0; c < Contexts; c++)
        {
            contexts[c] = new double[D];
            contexts[c][0] = 1.0;
            for (var i = 1; i < D; i++)
            {
                contexts[c][i] = (random.NextDouble() - 0.5) / Math.Sqrt(D);
            }

            rewards[c] = random.NextDouble() - 0.5;
        }

        for (var t = 0; t < 2_000; t++)
        {
            SelectAndUpdate();
        }
    }

    [Benchmark]
    public int SelectAndUpdate()
    {
        var c = next++ & (Contexts - 1);
        var x = contexts[c];
        var choice = model.SelectInto(x, new LinUcbSettings(1.0, Conservative: false), scores);
        model.Update(choice.Index, x, rewards[c]);
        return choice.Index;
    }
}
