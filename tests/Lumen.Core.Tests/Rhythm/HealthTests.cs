using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Core.Tests.Rhythm;

public sealed class HealthTests
{
    private static readonly SloObjectives Slo = new(P95Ms: 200, ErrorRate: 0.01);

    [Theory]
    [InlineData(100, 0.005, 1.0)] // both within objective
    [InlineData(400, 0.005, 0.5)] // latency at twice its objective
    [InlineData(100, 0.04, 0.25)] // errors at four times theirs
    [InlineData(400, 0.04, 0.25)] // the worst SLI decides
    [InlineData(0, 0, 1.0)] // an observed 0 meets any objective
    [InlineData(250, 0, 0.8)]
    [InlineData(double.NaN, 0.02, 0.5)] // NaN latency skipped, not counted
    [InlineData(800, double.NaN, 0.25)]
    [InlineData(-5, 0.02, 0.5)] // negative is unusable, skipped
    [InlineData(double.PositiveInfinity, 0.005, 1.0)]
    public void Of_Sample_MinOverSlisOfObjectiveOverObserved(double p95, double errorRate, double expected)
    {
        var health = Health.Of(Samples.At(0, p95, errorRate), Slo);

        Assert.Equal(expected, health!.Value, 1e-12);
    }

    [Fact]
    public void Of_NoUsableSli_Unknown()
    {
        Assert.Null(Health.Of(Samples.At(0, double.NaN, double.NaN), Slo));
    }

    [Fact]
    public void Coherence_OneHalfLifeApart_WeightsHalfAndOne()
    {
        // health 1 thirty minutes ago (weight ½), health 0.5 now (weight 1): (½·1 + 1·0.5) / 1.5 = 2/3.
        SliSample[] history = [Samples.At(0, 100, 0), Samples.At(30, 400, 0)];

        var coherence = Health.Coherence(history, Slo, history[1].Timestamp, TimeSpan.FromMinutes(30));

        Assert.Equal(2.0 / 3.0, coherence!.Value, 1e-12);
    }

    [Fact]
    public void Coherence_LongerHalfLife_OldHealthCountsMore()
    {
        // Half-life 60 min: the old weight is 2^−½ and (2^−½ + ½) / (2^−½ + 1) = 1/√2.
        SliSample[] history = [Samples.At(0, 100, 0), Samples.At(30, 400, 0)];

        var coherence = Health.Coherence(history, Slo, history[1].Timestamp, TimeSpan.FromMinutes(60));

        Assert.Equal(1 / Math.Sqrt(2), coherence!.Value, 1e-12);
    }

    [Fact]
    public void Coherence_VeryShortHalfLife_FollowsTheNewestHealth()
    {
        SliSample[] history = [Samples.At(0, 100, 0), Samples.At(30, 100, 0), Samples.At(60, 400, 0)];

        var coherence = Health.Coherence(history, Slo, history[2].Timestamp, TimeSpan.FromSeconds(1));

        Assert.Equal(0.5, coherence!.Value, 1e-12);
    }

    [Fact]
    public void Coherence_UnknownHealth_CarriesNoWeight()
    {
        SliSample[] history = [Samples.At(0, 400, 0), Samples.At(30, double.NaN, double.NaN)];

        var coherence = Health.Coherence(history, Slo, history[1].Timestamp, TimeSpan.FromMinutes(30));

        Assert.Equal(0.5, coherence!.Value, 1e-12);
    }

    [Fact]
    public void Coherence_NoHealthAtAll_Unknown()
    {
        SliSample[] history = [Samples.At(0, double.NaN, double.NaN)];

        Assert.Null(Health.Coherence(history, Slo, history[0].Timestamp, TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void Coherence_NonPositiveHalfLife_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Health.Coherence([], Slo, Samples.Start, TimeSpan.Zero));
    }
}
