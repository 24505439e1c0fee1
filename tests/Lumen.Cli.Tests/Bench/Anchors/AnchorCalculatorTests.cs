using Lumen.Cli.Bench.Tuner;
using Lumen.Cli.Bench.Tuner.Anchors;
using Lumen.Cli.Demo;
using Lumen.Core.Canary;
using Lumen.Simulator.Environments;
using Lumen.Simulator.World;

namespace Lumen.Cli.Tests.Bench.Anchors;

public sealed class AnchorCalculatorTests
{
    // One service on a grid small enough to search exhaustively here (16 × 16 = 256 configurations),
    // loaded hard enough at its evening peak that the defaults (8 workers, 256 MB) fall short of the SLO.
    // Its workers cost whether busy or idle (idle_contention), so the best pool differs by hour.
    private const string SmallYaml = """
        version: 1
        name: small
        description: one service, a small knob grid
        tick_seconds: 60
        start: 2026-01-01T12:00:00Z
        duration: 1d
        slo:
          latency_p95_ms: 250
          error_rate: 0.01
        services:
          - name: api
            instances: { baseline: 3, canary: 1 }
            model:
              cores: 8
              hit_service_ms: 5
              miss_service_ms: 45
              hit_ratio_max: 0.8
              cache_scale_mb: 1024
              contention: 0
              idle_contention: 0.35
              gc_ms_per_gb: 8
              base_error_rate: 0.001
              latency_noise: 0.05
            knobs:
              - { name: concurrency_limit, min: 4, max: 64, default: 8, step: 4, cost_weight: 0.0005 }
              - { name: cache_size_mb, min: 64, max: 1024, default: 256, step: 64, cost_weight: 0.00005 }
            load:
              kind: daily
              base_rps: 300
              peak_rps: 2000
              peak_hour: 19
              noise: 0.03
        """;

    private static readonly SimEnvironment Small = Load();

    [Fact]
    public void ComputeService_SmallGrid_BestFixedIsTheExhaustiveOptimum()
    {
        var ticks = RunTicks.For(0.5, Small.TickSeconds);
        var world = new SimulatedWorld(Small, 1);
        double Exact(double c, double m)
        {
            var sum = 0.0;
            for (long t = 1; t <= ticks.Count; t++)
            {
                sum += world.SteadyHealth("api", CanaryTrack.Canary, [c, m], t);
            }

            return sum;
        }

        var exhaustive = (from c in Enumerable.Range(1, 16).Select(i => i * 4.0)
                          from m in Enumerable.Range(1, 16).Select(i => i * 64.0)
                          select Exact(c, m)).Max();

        var anchor = AnchorCalculator.ComputeService(Small, 1, "api", ticks);

        Assert.Equal(exhaustive, anchor.BestFixedHourly.Sum(), 9);
        var config = anchor.BestFixed.Select(k => k.Value).ToArray();
        Assert.Equal(exhaustive, Exact(config[0], config[1]), 9);
        Assert.Equal(Exact(8, 256), anchor.StaticHourly.Sum(), 9);
        Assert.True(exhaustive > Exact(8, 256) + 1, "the planted environment has a gap to close");
    }

    [Fact]
    public void ComputeService_Anchors_AreOrderedHourByHour()
    {
        var ticks = RunTicks.For(0.5, Small.TickSeconds);

        var anchor = AnchorCalculator.ComputeService(Small, 1, "api", ticks);

        Assert.Equal(12, anchor.StaticHourly.Length);
        Assert.Equal(12, anchor.Schedule.Length);
        for (var h = 0; h < 12; h++)
        {
            Assert.True(anchor.ScheduleHourly[h] >= anchor.BestFixedHourly[h], $"hour {h}: schedule below best fixed");
            Assert.True(anchor.ScheduleHourly[h] >= anchor.StaticHourly[h], $"hour {h}: schedule below static");
        }

        Assert.True(anchor.BestFixedHourly.Sum() >= anchor.StaticHourly.Sum());
        Assert.True(anchor.ScheduleHourly.Sum() > anchor.BestFixedHourly.Sum(), "a day's rhythm leaves room for a schedule");
    }

    [Fact]
    public void ComputeAll_BurstyLoad_OneAnchorPerSeed_SteadyLoad_OneForAll()
    {
        var bursty = Small with
        {
            Name = "small-bursty",
            Services = [.. Small.Services.Select(s => s with { Load = s.Load with { Bursts = new BurstSpec(24, 1.6, 20) } })],
        };

        var all = AnchorCalculator.ComputeAll([Small, bursty], [1, 2], 0.1, 2, CancellationToken.None);

        Assert.False(all[0].SeedDependent);
        Assert.Single(all[0].BySeed);
        Assert.Same(all[0].For(1), all[0].For(2));
        Assert.True(all[1].SeedDependent);
        Assert.Equal([1, 2], all[1].BySeed.Select(a => a.Seed).Order());
        Assert.NotEqual(all[1].For(1).Static, all[1].For(2).Static); // the bursts fall elsewhere
    }

    private static SimEnvironment Load()
    {
        var loaded = SimEnvironments.Loader.Parse(SmallYaml, "test:small");
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        return loaded.Environment!;
    }
}
