using Lumen.Simulator.Model;

namespace Lumen.Simulator.Tests.Model;

public sealed class ServiceModelTests
{
    private static readonly ModelParameters Parameters = new()
    {
        Cores = 8, HitServiceMs = 4, MissServiceMs = 45, HitRatioMax = 0.8, CacheScaleMb = 1024,
        Contention = 0.35, GcMsPerGb = 8, BaseErrorRate = 0.001,
    };

    private static readonly ModelKnobs Defaults = new(32, 512, 1500);

    private static SliExpectation Evaluate(ModelKnobs knobs, double rps) =>
        ServiceModel.Evaluate(Parameters, knobs, rps, Impairment.None, out _);

    [Fact]
    public void Evaluate_MoreLoad_RaisesLatencyAndUtilization()
    {
        var loads = new[] { 50.0, 200, 350, 450, 520 };
        var results = loads.Select(l => Evaluate(Defaults, l)).ToList();

        for (var i = 1; i < results.Count; i++)
        {
            // At low load the queue is empty and the p95 flat: allow the solver's relative tolerance.
            Assert.True(results[i].P95Ms >= results[i - 1].P95Ms * (1 - 1e-8), $"p95 fell from {results[i - 1].P95Ms} to {results[i].P95Ms}");
            Assert.True(results[i].Utilization > results[i - 1].Utilization);
        }

        Assert.True(results[^1].P95Ms > 1.3 * results[0].P95Ms);
    }

    [Fact]
    public void Evaluate_MoreWorkersUnderLoad_CutTheQueue()
    {
        // At a load that 8 workers barely carry, more workers cut the queue.
        var p8 = Evaluate(Defaults with { Concurrency = 8 }, 300).P95Ms;
        var p16 = Evaluate(Defaults with { Concurrency = 16 }, 300).P95Ms;

        Assert.True(p16 < p8, $"16 workers {p16} ms vs 8 workers {p8} ms");
    }

    [Fact]
    public void Evaluate_IdlePoolAtLowLoad_CostsNothing()
    {
        // 20 rps keeps under one worker busy: a pool of 256 is as fast as one of 8.
        var few = Evaluate(Defaults with { Concurrency = 8 }, 20);
        var many = Evaluate(Defaults with { Concurrency = 256 }, 20);

        // (8 workers queue a request once in a long while: equal to a part in 10⁴.)
        Assert.True(Math.Abs(many.P95Ms - few.P95Ms) < 1e-4 * few.P95Ms, $"256 workers {many.P95Ms} ms vs 8 workers {few.P95Ms} ms");
        Assert.Equal(few.ErrorRate, many.ErrorRate, 9);
    }

    [Fact]
    public void Evaluate_BusyWorkersBeyondTheCores_StretchEveryRequest()
    {
        // 300 rps keeps about 11 workers busy on 8 cores; without contention the same pool is faster.
        var calm = Parameters with { Contention = 0 };
        var contended = Evaluate(Defaults with { Concurrency = 256 }, 300).P95Ms;
        var free = ServiceModel.Evaluate(calm, Defaults with { Concurrency = 256 }, 300, Impairment.None, out _).P95Ms;
        var idle = Evaluate(Defaults with { Concurrency = 256 }, 100).P95Ms;
        var idleFree = ServiceModel.Evaluate(calm, Defaults with { Concurrency = 256 }, 100, Impairment.None, out _).P95Ms;

        Assert.True(contended > free * 1.1, $"{contended} ms with contention vs {free} ms without");
        Assert.Equal(idleFree, idle, 6);
    }

    [Fact]
    public void ContentionFactor_IsTheBusyWorkerFixedPoint()
    {
        var shape = ServiceModel.Shape(Parameters, Defaults with { Concurrency = 256 }, Impairment.None);
        var lambda = 0.3; // requests per ms

        var factor = ServiceModel.ContentionFactor(shape, lambda, out var busyMs);

        // n = λ·E[min(S·f(n), T)] and f(n) = 1 + κ·(n − cores)/cores hold together.
        var busy = lambda * busyMs;
        Assert.Equal(1 + Parameters.Contention * (busy - Parameters.Cores) / Parameters.Cores, factor, 9);
        Assert.True(busy > Parameters.Cores);
    }

    [Fact]
    public void Evaluate_ContentionFeedbackBeyondOne_FillsThePool()
    {
        // Past λ·E[S]·κ/cores ≥ 1 each busy worker slows the others enough to keep one more busy:
        // the pool fills to the knee however large it is.
        var shape = ServiceModel.Shape(Parameters, Defaults with { Concurrency = 256 }, Impairment.None);
        var meanMs = shape.HitRatio * shape.HitMs + (1 - shape.HitRatio) * shape.MissMs;
        var lambda = 1.05 * Parameters.Cores / (Parameters.Contention * meanMs);

        var result = ServiceModel.Evaluate(Parameters, Defaults with { Concurrency = 256 }, lambda * 1000, Impairment.None, out _);

        Assert.True(result.Saturated, $"utilization {result.Utilization}");
    }

    [Fact]
    public void Evaluate_IdleContention_ChargesTheConfiguredPool()
    {
        var idleCosts = Parameters with { IdleContention = 0.35 };
        var few = ServiceModel.Evaluate(idleCosts, Defaults with { Concurrency = 8 }, 20, Impairment.None, out _).P95Ms;
        var many = ServiceModel.Evaluate(idleCosts, Defaults with { Concurrency = 64 }, 20, Impairment.None, out _).P95Ms;

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
        // 100 ms is below the p95 without a timeout (about 130 ms), so it cuts the tail.
        var patient = Evaluate(Defaults with { TimeoutMs = 5000 }, 200);
        var strict = Evaluate(Defaults with { TimeoutMs = 100 }, 200);

        Assert.True(strict.P95Ms <= 100);
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
                    var r = Evaluate(new ModelKnobs(c, 512, timeout), rps);
                    Assert.True(double.IsFinite(r.P95Ms) && r.P95Ms >= 0, $"p95 {r.P95Ms} at {rps} rps, c={c}, T={timeout}");
                    Assert.True(r.ErrorRate is >= 0 and <= 1, $"errors {r.ErrorRate} at {rps} rps, c={c}, T={timeout}");
                }
            }
        }
    }

    [Fact]
    public void Evaluate_LatencyNearSaturation_IsContinuous()
    {
        // Just below and just above the saturation point the SLIs must not jump (the knee is steep,
        // so the step is small).
        var capacityRps = Enumerable.Range(0, 100_000).Select(i => i * 0.01)
            .First(rps => Evaluate(Defaults, rps).Saturated);
        var below = Evaluate(Defaults, capacityRps - 0.01);
        var above = Evaluate(Defaults, capacityRps + 0.01);

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
