using Lumen.Simulator.Model;

namespace Lumen.Simulator.Tests.Model;

public sealed class KneeTests
{
    private static readonly ModelParameters Parameters = new()
    {
        Cores = 8, HitServiceMs = 4, MissServiceMs = 45, HitRatioMax = 0.8, CacheScaleMb = 1024,
        Contention = 0.35, GcMsPerGb = 8, BaseErrorRate = 0.001,
    };

    private static readonly ModelKnobs Knobs = new(32, 512, 1500);

    private static double KneeRps(ModelParameters p) =>
        ServiceModel.KneeRps(ServiceModel.Shape(p, Knobs, Impairment.None));

    [Theory]
    [InlineData(0.7)]
    [InlineData(0.85)]
    [InlineData(0.98)]
    public void Evaluate_AcrossTheKnee_LatencyCollapsesToTheTimeout(double knee)
    {
        var p = Parameters with { KneeUtilization = knee };
        var kneeRps = KneeRps(p);

        var below = ServiceModel.Evaluate(p, Knobs, 0.9 * kneeRps, Impairment.None, out _);
        var above = ServiceModel.Evaluate(p, Knobs, 1.1 * kneeRps, Impairment.None, out _);

        Assert.False(below.Saturated);
        Assert.True(above.Saturated);
        Assert.Equal(knee, above.KneeUtilization);
        Assert.True(below.P95Ms < 500, $"p95 below the knee {below.P95Ms}");
        Assert.Equal(1500, above.P95Ms, 6);
        Assert.True(above.ErrorRate > 0.08, $"errors past the knee {above.ErrorRate}");
    }

    [Fact]
    public void Evaluate_LowerKnee_SaturatesAtLessLoad()
    {
        // Less than in proportion: fewer busy workers also contend less.
        Assert.True(KneeRps(Parameters with { KneeUtilization = 0.7 }) < 0.95 * KneeRps(Parameters));
    }
}
