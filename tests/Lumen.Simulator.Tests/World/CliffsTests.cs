using Lumen.Core.Canary;
using Lumen.Simulator.Model;
using Lumen.Simulator.World;

namespace Lumen.Simulator.Tests.World;

/// <summary>Each cliff of the shipped <c>cliffs</c> environment, as the running world shows it.</summary>
public sealed class CliffsTests
{
    private const int TicksPerHour = 120;

    private static SimulatedWorld Cliffs(ulong seed = 3) => new(TestEnvironments.Load("cliffs"), seed);

    [Fact]
    public void Advance_CacheOverTheMemoryLimit_RestartsWithErrorsAndAColdCacheUntilFixed()
    {
        var world = Cliffs();
        world.Advance(4 * TicksPerHour);
        var warm = world.Expected("catalog", CanaryTrack.Canary).HitRatio;

        // 4096 MiB of cache + 32 workers × 24 MiB > 3072 MiB: killed whenever the cache fills past 2304 MiB.
        Assert.True(world.TrySetKnob("catalog", CanaryTrack.Canary, "cache_size_mb", 4096, out _));
        var restarts = 0;
        var coldest = 1.0;
        for (var i = 0; i < 2 * TicksPerHour; i++)
        {
            world.Advance();
            var canary = world.Expected("catalog", CanaryTrack.Canary);
            if (canary.DownShare > 0)
            {
                restarts++;
                Assert.True(canary.ErrorRate >= canary.DownShare, $"errors {canary.ErrorRate} in an interval {canary.DownShare:P0} down");
                Assert.True(world.Reading("catalog", CanaryTrack.Canary).Errors > world.Reading("catalog", CanaryTrack.Baseline).Errors);
            }

            coldest = Math.Min(coldest, canary.HitRatio);
            Assert.Equal(0, world.Expected("catalog", CanaryTrack.Baseline).DownShare);
        }

        Assert.True(restarts >= 6, $"{restarts} restart intervals in two hours");
        Assert.True(coldest < 0.2 * warm, $"coldest hit ratio {coldest} vs warm {warm}");

        // Back under the limit: the restart under way finishes, then no more.
        Assert.True(world.TrySetKnob("catalog", CanaryTrack.Canary, "cache_size_mb", 1024, out _));
        world.Advance(3);
        for (var i = 0; i < TicksPerHour; i++)
        {
            world.Advance();
            Assert.Equal(0, world.Expected("catalog", CanaryTrack.Canary).DownShare);
        }
    }

    [Fact]
    public void Advance_ShortTimeoutAtPeak_StormPersistsAfterTheTriggerUntilTheLoadFalls()
    {
        var world = Cliffs();
        var spec = world.Spec("payments");
        Assert.True(world.TrySetKnob("payments", CanaryTrack.Canary, "timeout_ms", 1000, out _));
        var retry = ServiceModel.Shape(spec.Model, new ModelKnobs(32, 0, 150), Impairment.None).Retry;
        var instances = spec.BaselineInstances + spec.CanaryInstances;

        var storms = new List<(long Tick, double PerInstance)>();
        var canaryStorms = 0;
        for (var i = 0; i < 30 * TicksPerHour; i++)
        {
            world.Advance();
            if (world.Expected("payments", CanaryTrack.Baseline).Storm)
            {
                storms.Add((world.Tick, world.LoadRps("payments") / instances));
            }

            canaryStorms += world.Expected("payments", CanaryTrack.Canary).Storm ? 1 : 0;
        }

        Assert.NotEmpty(storms);
        Assert.True(storms[0].PerInstance >= 0.95 * retry.EntryRps, $"the storm began at {storms[0].PerInstance} rps, entry {retry.EntryRps}");

        // Long after the load fell below the trigger the storm still runs, until it falls below the exit.
        Assert.Contains(storms, s => s.PerInstance < 0.7 * retry.EntryRps);
        Assert.All(storms, s => Assert.True(s.PerInstance >= 0.95 * retry.ExitRps, $"storm at {s.PerInstance} rps, exit {retry.ExitRps}"));
        var hours = (storms[^1].Tick - storms[0].Tick) / (double)TicksPerHour;
        Assert.True(hours > 3, $"the storm lasted {hours:F1} h");
        Assert.True(world.Expected("payments", CanaryTrack.Baseline).Storm == false);

        // The canary's longer timeout rode the same peak without a storm.
        Assert.Equal(0, canaryStorms);
    }

    [Fact]
    public void Advance_CacheGrown_HitRatioRampsOverMinutes()
    {
        var world = Cliffs();
        world.Advance(4 * TicksPerHour);
        var model = world.Spec("search").Model;
        double HitRatio(double mb) => model.HitRatioMax * (1 - Math.Exp(-mb / model.CacheScaleMb));

        Assert.True(world.TrySetKnob("search", CanaryTrack.Canary, "cache_size_mb", 4096, out _));
        world.Advance();
        var first = world.Expected("search", CanaryTrack.Canary).HitRatio;
        world.Advance(29);
        var quarterHour = world.Expected("search", CanaryTrack.Canary).HitRatio;
        world.Advance(150);
        var later = world.Expected("search", CanaryTrack.Canary).HitRatio;

        Assert.True(first < HitRatio(1024) + 0.1 * (HitRatio(4096) - HitRatio(1024)), $"after one tick {first}");
        Assert.InRange(quarterHour, HitRatio(1024 + 0.5 * 3072), HitRatio(1024 + 0.7 * 3072));
        Assert.Equal(HitRatio(4096), later, 3);
        Assert.Equal(HitRatio(1024), world.Expected("search", CanaryTrack.Baseline).HitRatio, 9);
    }

    [Fact]
    public void SteadyHealth_ReflectsEveryCliff()
    {
        var world = Cliffs();
        long Hour(int h) => h * TicksPerHour + 60;

        // Memory: at the trough 1024 MiB is healthy, 4096 MiB restarts for ever.
        Assert.Equal(1, world.SteadyHealth("catalog", CanaryTrack.Canary, [32, 1024, 1500], Hour(4)));
        Assert.True(world.SteadyHealth("catalog", CanaryTrack.Canary, [32, 4096, 1500], Hour(4)) < 0.3);

        // Storm: the defaults are healthy before the peak, in a storm hours after it; a longer timeout is not.
        Assert.True(world.SteadyHealth("payments", CanaryTrack.Canary, [32, 150], Hour(11)) > 0.99);
        Assert.True(world.SteadyHealth("payments", CanaryTrack.Canary, [32, 150], Hour(22)) < 0.1);
        Assert.True(world.SteadyHealth("payments", CanaryTrack.Canary, [32, 1000], Hour(22)) > 0.9);

        // Busy workers: a large pool is free at the trough (as long as its memory fits).
        Assert.Equal(
            world.SteadyHealth("catalog", CanaryTrack.Canary, [8, 1024, 1500], Hour(4)),
            world.SteadyHealth("catalog", CanaryTrack.Canary, [64, 1024, 1500], Hour(4)));
        Assert.True(world.SteadyHealth("catalog", CanaryTrack.Canary, [128, 1024, 1500], Hour(4)) < 0.05); // 128 × 24 MiB fill the limit alone

        // Knee: at the peak the defaults are past catalog's knee; a larger cache keeps it below.
        Assert.True(world.SteadyHealth("catalog", CanaryTrack.Canary, [32, 1024, 1500], Hour(19)) < 0.3);
        Assert.True(world.SteadyHealth("catalog", CanaryTrack.Canary, [28, 1920, 500], Hour(19)) > 0.95);
    }

    [Fact]
    public void SteadyHealth_Asked_ChangesNothingAndAllocatesNothingOnceWarm()
    {
        var world = Cliffs();
        world.Advance(100);
        var before = world.Reading("payments", CanaryTrack.Canary);
        _ = world.SteadyHealth("payments", CanaryTrack.Canary, [32, 150], 3000);

        ReadOnlySpan<double> knobs = [32, 150];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0.0;
        for (var t = 1; t <= 3000; t += 7)
        {
            sum += world.SteadyHealth("payments", CanaryTrack.Canary, knobs, t);
        }

        Assert.Equal(allocated, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(sum > 0);
        Assert.Equal(100, world.Tick);
        Assert.Equal(before, world.Reading("payments", CanaryTrack.Canary));
    }

    [Fact]
    public void Advance_Cliffs_AllocatesNothing()
    {
        var world = Cliffs();
        world.Advance(10);
        Assert.True(world.TrySetKnob("catalog", CanaryTrack.Canary, "cache_size_mb", 4096, out _));
        Assert.True(world.TrySetKnob("search", CanaryTrack.Canary, "cache_size_mb", 4096, out _));

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        world.Advance(20 * TicksPerHour);

        Assert.Equal(allocated, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Advance_SameSeed_GivesBitIdenticalReadingsThroughTheCliffs()
    {
        static List<SimReading> Run(ulong seed)
        {
            var world = Cliffs(seed);
            var readings = new List<SimReading>();
            for (var i = 0; i < 24 * TicksPerHour; i++)
            {
                if (i == 200)
                {
                    world.TrySetKnob("catalog", CanaryTrack.Canary, "cache_size_mb", 4096, out _);
                    world.TrySetKnob("search", CanaryTrack.Canary, "cache_size_mb", 8192, out _);
                }

                world.Advance();
                foreach (var service in world.Services)
                {
                    readings.Add(world.Reading(service, CanaryTrack.Baseline));
                    readings.Add(world.Reading(service, CanaryTrack.Canary));
                }
            }

            return readings;
        }

        Assert.Equal(Run(9), Run(9));
        Assert.NotEqual(Run(9), Run(10));
    }
}
