using BenchmarkDotNet.Attributes;
using Lumen.Adapters.Config.Yaml;
using Lumen.Simulator.Environments;
using Lumen.Simulator.World;

namespace Lumen.Benchmarks;

/// <summary>
/// The simulator's speed. One operation of <see cref="ServiceTick"/> is one service advanced by one
/// tick (both tracks: load, queueing model, p95 solve, measurement noise); the goal is at least one
/// million per second on one core, so the tuner benchmark's seeds × environments × days run in
/// minutes. Records sampling and the oracle are measured apart: the loop asks for them, the bare
/// tick does not.
/// </summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    private const int TicksPerInvoke = 1000;
    private SimulatedWorld _world = null!;
    private int _services;

    [GlobalSetup]
    public void Setup()
    {
        var result = new EnvironmentLoader(YamlTreeReader.Read).LoadEmbedded("bursty");
        if (!result.IsValid)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
        }

        _world = new SimulatedWorld(result.Environment, 42);
        _services = _world.Services.Length;
        _world.Advance(19 * 120); // start near the evening peak, where the queues are busiest
    }

    [Benchmark(OperationsPerInvoke = TicksPerInvoke * 2)]
    public long ServiceTick()
    {
        for (var i = 0; i < TicksPerInvoke; i++)
        {
            _world.Advance();
        }

        return _world.Tick * _services;
    }

    [Benchmark]
    public int IntervalRecords() => _world.IntervalRecords().Count;

    [Benchmark]
    public double TrueArmRewards() => _world.TrueArmRewards("checkout")[0].HealthBefore;
}
