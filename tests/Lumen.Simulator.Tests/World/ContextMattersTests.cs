using Lumen.Core.Policy;
using Lumen.Simulator.Environments;
using Lumen.Simulator.Model;
using Lumen.Simulator.World;

namespace Lumen.Simulator.Tests.World;

/// <summary>
/// The property a context-aware tuner needs: no fixed setting is best all day. With contention
/// charged on busy workers only, an oversized pool is free at the trough and the peak's setting is
/// best all day; servers whose idle workers cost (idle_contention, thread-per-request) keep the
/// property, as checkout's model with its contention charged on the configured pool shows.
/// </summary>
public sealed class ContextMattersTests
{
    [Fact]
    public void BestSetting_OverADay_BeatsTheBestFixedSettingForCheckout()
    {
        var environment = TestEnvironments.Steady;
        var checkout = environment.Services.Single(s => s.Name == "checkout");
        var service = checkout with { Model = checkout.Model with { Contention = 0, IdleContention = checkout.Model.Contention } };
        var daily = (DailyLoadSpec)service.Load;
        var perInstance = Enumerable.Range(0, 24)
            .Select(h => daily.BaseRps + (daily.PeakRps - daily.BaseRps) * 0.5 * (1 + Math.Cos(2 * Math.PI * (h - daily.PeakHour) / 24)))
            .Select(rps => rps / (service.BaselineInstances + service.CanaryInstances))
            .ToArray();
        var grid = (from c in Steps(service.Knobs[0], 4)
                    from m in Steps(service.Knobs[1], 4)
                    from t in Steps(service.Knobs[2], 2)
                    select new ModelKnobs(c, m, t)).ToList();
        var health = grid.Select(k => perInstance.Select(rps => HealthAt(environment, service, k, rps)).ToArray()).ToList();

        var contextual = Enumerable.Range(0, 24).Average(h => health.Max(row => row[h]));
        var bestFixed = health.Max(row => row.Average());
        var peakRow = health.MaxBy(row => row[19])!;
        var bestAtTrough = health.Max(row => row[7]);

        Assert.True(contextual > bestFixed + 0.05, $"per-hour best {contextual:F3} vs best fixed {bestFixed:F3}");
        Assert.True(peakRow[7] < bestAtTrough - 0.05, $"the peak's best setting has health {peakRow[7]:F3} at the trough, the trough's best {bestAtTrough:F3}");
    }

    private static double HealthAt(SimEnvironment environment, ServiceSpec service, ModelKnobs knobs, double rps)
    {
        var expected = ServiceModel.Evaluate(service.Model, knobs, rps, Impairment.None, out _);
        return expected.TrueHealth(environment.Slo);
    }

    private static IEnumerable<double> Steps(KnobSpec knob, int stride)
    {
        for (var v = knob.Min; v <= knob.Max; v += knob.Step * stride)
        {
            yield return v;
        }
    }
}
