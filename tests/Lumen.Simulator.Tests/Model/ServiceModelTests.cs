using Lumen.Simulator.Model;

namespace Lumen.Simulator.Tests.Model;

public sealed class ServiceModelTests
{
    private static readonly ModelParameters Parameters = new()
    {
        Cores = 8, HitServiceMs = 4, MissServiceMs = 45, HitRatioMax = 0.8, CacheScaleMb = 1024,
        Contention = 0.35, GcMsPerGb = 8, BaseErrorRate = 0.001,
    };

    private static readonly KnobValues Defaults = new(32, 512, 1500);

    private static SliExpectation Evaluate(KnobValues knobs, double rps) =>
        ServiceModel.Evaluate(Parameters, knobs, rps, Impairment.None, out _);

    [Fact]
    public void Evaluate_MoreLoad_RaisesLatencyAndUtilization()
    {
        var loads = new[] { 50.0, 200, 350, 450, 520 };
        var results = loads.Select(l => Evaluate(Defaults, l)).ToList();

        for (var i = 1; i < results.Count; i++)
        {
            Assert.True(results[i].P95Ms >= results[i - 1].P95Ms, $"p95 fell from {results[i - 1].P95Ms} to {results[i].P95Ms}");
            Assert.True(results[i].Utilization > results[i - 1].Utilization);
        }

        Assert.True(results[^1].P95Ms > 1.3 * results[0].P95Ms);
    }

    [Fact]
    public void Evaluate_MoreWorkersUnderLoad_CutLatencyUntilTheCoresContend()
    {
        // At a load that 8 workers barely carry, more workers cut the queue...
        var p8 = Evaluate(Defaults with { Concurrency = 8 }, 300).P95Ms;
        var p16 = Evaluate(Defaults with { Concurrency = 16 }, 300).P95Ms;
        // ...but far beyond the cores every request is stretched by contention.
        var p256 = Evaluate(Defaults with { Concurrency = 256 }, 300).P95Ms;

        Assert.True(p16 < p8, $"16 workers {p16} ms vs 8 workers {p8} ms");
        Assert.True(p256 > p16, $"256 workers {p256} ms vs 16 workers {p16} ms");
    }

    [Fact]
    public void Evaluate_WorkersBeyondCoresAtLowLoad_OnlyCost()
    {
        var few = Evaluate(Defaults with { Concurrency = 8 }, 20).P95Ms;
        var many = Evaluate(Defaults with { Concurrency = 64 }, 20).P95Ms;

        Assert.True(many > few * 1.5, $"64 workers {many} ms vs 8 workers {few} ms at low load");
    }

    [Fact]
    public void Evaluate_BiggerCache_RaisesHitRatioWithDiminishingReturns()
    {
        var sizes = new[] { 64.0, 512, 1024, 2048, 4096 };
        var ratios = sizes.Select(s => Evaluate(Defaults with { CacheMb = s }, 100).HitRatio).ToList();

        for (var i = 1; i < ratios.Count; i++)
        {
            Assert.True(ratios[i] > ratios[i - 1]);
        }

        // Each doubling from 1 GiB buys less than the one before.
        Assert.True(ratios[4] - ratios[3] < ratios[3] - ratios[2]);
        Assert.True(ratios[4] < Parameters.HitRatioMax);
    }

    [Fact]
    public void Evaluate_BiggerCacheUnderLoad_CutsLatencyUntilMemoryCostsMore()
    {
        var small = Evaluate(Defaults with { CacheMb = 64 }, 350).P95Ms;
        var medium = Evaluate(Defaults with { CacheMb = 1536 }, 350).P95Ms;

        Assert.True(medium < small, $"1.5 GiB {medium} ms vs 64 MiB {small} ms");
    }

    [Fact]
    public void Evaluate_ShorterTimeout_CapsTheTailAndAddsErrors()
    {
        var patient = Evaluate(Defaults with { TimeoutMs = 5000 }, 200);
        var strict = Evaluate(Defaults with { TimeoutMs = 150 }, 200);

        Assert.True(strict.P95Ms <= 150);
        Assert.True(strict.P95Ms < patient.P95Ms);
        Assert.True(strict.ErrorRate > patient.ErrorRate + 0.005, $"errors {strict.ErrorRate} vs {patient.ErrorRate}");
    }

    [Fact]
    public void Evaluate_Saturated_IsFiniteWithTimeoutLatencyAndShedErrors()
    {
        var result = Evaluate(Defaults, 5000);

        Assert.True(result.Saturated);
        Assert.Equal(1500, result.P95Ms, 6);
        Assert.True(result.ErrorRate > 0.8, $"error rate {result.ErrorRate}");
        Assert.True(result.ErrorRate <= 1);
    }

    [Fact]
    public void Evaluate_AcrossLoadsAndKnobs_NeverNaN()
    {
        foreach (var rps in new[] { 0.0, 1e-6, 1, 100, 473.2, 480, 1e4, 1e7 })
        {
            foreach (var c in new[] { 1.0, 4, 32, 256, 10_000 })
            {
                foreach (var timeout in new[] { 1.0, 100, 1500, double.PositiveInfinity })
                {
                    var r = Evaluate(new KnobValues(c, 512, timeout), rps);
                    Assert.True(double.IsFinite(r.P95Ms) && r.P95Ms >= 0, $"p95 {r.P95Ms} at {rps} rps, c={c}, T={timeout}");
                    Assert.True(r.ErrorRate is >= 0 and <= 1, $"errors {r.ErrorRate} at {rps} rps, c={c}, T={timeout}");
                }
            }
        }
    }

    [Fact]
    public void Evaluate_LatencyNearSaturation_IsContinuous()
    {
        // Just below and just above the saturation point the SLIs must not jump.
        var capacityRps = Enumerable.Range(0, 4000).Select(i => i * 0.25)
            .First(rps => Evaluate(Defaults, rps).Saturated);
        var below = Evaluate(Defaults, capacityRps - 0.25);
        var above = Evaluate(Defaults, capacityRps + 0.25);

        Assert.True(Math.Abs(above.ErrorRate - below.ErrorRate) < 0.01);
        Assert.True(Math.Abs(above.P95Ms - below.P95Ms) < 15);
    }

    [Fact]
    public void Evaluate_Regression_SlowsAndFails()
    {
        var healthy = ServiceModel.Evaluate(Parameters, Defaults, 200, Impairment.None, out _);
        var regressed = ServiceModel.Evaluate(Parameters, Defaults, 200, new Impairment(1.6, 0.02), out _);

        Assert.True(regressed.P95Ms > healthy.P95Ms * 1.5);
        Assert.True(regressed.ErrorRate > healthy.ErrorRate + 0.019);
    }

    [Theory]
    [InlineData(50.0)]
    [InlineData(300.0)]
    [InlineData(420.0)]
    public void Quantile_OfTheDistribution_InvertsItsCdf(double rps)
    {
        ServiceModel.Evaluate(Parameters, Defaults with { TimeoutMs = 5000 }, rps, Impairment.None, out var latency);

        var p95 = latency.Quantile(0.95);

        Assert.Equal(0.95, latency.Cdf(p95), 6);
    }
}
