using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lumen.Cli.Bench.Tuner.Anchors;

namespace Lumen.Cli.Tests.Bench.Anchors;

public sealed class AnchorSearchTests
{
    // The shape of checkout's grid: 64 × 64 × 50 values (204,800 points).
    private static readonly KnobAxis[] Checkout =
    [
        new("concurrency_limit", 4, 256, 4),
        new("cache_size_mb", 64, 4096, 64),
        new("timeout_ms", 100, 5000, 100),
    ];

    [Fact]
    public void Maximise_PlantedCorrelatedOptimumOffTheCoarseGrid_FindsItExactly()
    {
        // 148 / 2240 / 3700 are on the step grid but not on the 9-point coarse grid; the knobs interact.
        double[] planted = [148, 2240, 3700];
        double Objective(ReadOnlySpan<double> k)
        {
            var a = (k[0] - planted[0]) / 40;
            var b = (k[1] - planted[1]) / 600;
            var c = (k[2] - planted[2]) / 900;
            return -((a * a) + (b * b) + (c * c) + (0.5 * a * b));
        }

        var result = new AnchorSearch().Maximise(Checkout, Objective, [[32, 512, 1500]]);

        Assert.Equal(planted, result.Values);
        Assert.Equal(0, result.Score, 12);
        Assert.InRange(result.Evaluations, 9 * 9 * 9, 2000); // the coarse grid, then a few hundred steps at most: not the 204,800 of the full grid
    }

    [Property(MaxTest = 200)]
    public Property Maximise_PlantedSeparableOptimum_FindsItExactly()
    {
        var gen = from i in Gen.Choose(0, 63)
                  from j in Gen.Choose(0, 63)
                  from k in Gen.Choose(0, 49)
                  select (I: i, J: j, K: k);
        return Prop.ForAll(gen.ToArbitrary(), p =>
        {
            double[] planted = [Checkout[0].ValueAt(p.I), Checkout[1].ValueAt(p.J), Checkout[2].ValueAt(p.K)];
            var result = new AnchorSearch().Maximise(Checkout,
                k => -(Math.Abs(k[0] - planted[0]) + Math.Abs(k[1] - planted[1]) / 16 + Math.Abs(k[2] - planted[2]) / 25), [[32, 512, 1500]]);
            return result.Values.SequenceEqual(planted);
        });
    }

    [Fact]
    public void Maximise_Plateau_KeepsTheStart()
    {
        // Health is capped at 1: everything with concurrency ≥ 40 is equally perfect, including the start.
        var result = new AnchorSearch().Maximise(Checkout, k => Math.Min(1, k[0] / 40), [[48, 512, 1500]]);

        Assert.Equal(new[] { 48.0, 512.0, 1500.0 }, result.Values);
        Assert.Equal(1, result.Score);
    }

    [Fact]
    public void Maximise_PlateauAwayFromTheStart_ReturnsItsPointNearestTheStart()
    {
        // Perfect from concurrency 40 up and with a cache of at least 1024 MB; the start has neither.
        var result = new AnchorSearch().Maximise(Checkout, k => Math.Min(1, k[0] / 40) * Math.Min(1, k[1] / 1024), [[8, 512, 1500]]);

        Assert.Equal(new[] { 40.0, 1024.0, 1500.0 }, result.Values);
    }

    [Fact]
    public void Maximise_StartBetterThanAnythingTheSearchVisits_ReturnsTheStart()
    {
        // A needle the coarse grid and the refinement around its best cannot see; the start sits on it.
        var result = new AnchorSearch().Maximise(Checkout, k => k[0] == 8 && k[1] == 128 && k[2] == 200 ? 5 : k[0] / 1000, [[8, 128, 200]]);

        Assert.Equal(new[] { 8.0, 128.0, 200.0 }, result.Values);
        Assert.Equal(5, result.Score);
    }

    [Fact]
    public void Maximise_SmallGrid_IsExhaustive()
    {
        KnobAxis[] axes = [new("a", 0, 6, 1), new("b", 10, 50, 10)];
        var calls = 0;
        var result = new AnchorSearch().Maximise(axes, k =>
        {
            calls++;
            return k[0] == 5 && k[1] == 20 ? 1 : 0; // a needle: only an exhaustive search finds it
        }, [[0, 10]]);

        Assert.Equal(new[] { 5.0, 20.0 }, result.Values);
        Assert.Equal(7 * 5, result.Evaluations);
        Assert.Equal(7 * 5, calls); // each point once
    }

    [Theory]
    [InlineData(64, 9, new[] { 0, 8, 16, 24, 32, 39, 47, 55, 63 })]
    [InlineData(5, 9, new[] { 0, 1, 2, 3, 4 })]
    [InlineData(50, 5, new[] { 0, 12, 25, 37, 49 })]
    public void CoarseIndices_EvenlySpacedBothEndsIncluded(int count, int points, int[] expected) =>
        Assert.Equal(expected, AnchorSearch.CoarseIndices(count, points));

    [Fact]
    public void KnobAxis_GridOfSteps()
    {
        var axis = new KnobAxis("timeout_ms", 100, 5000, 100);

        Assert.Equal(50, axis.Count);
        Assert.Equal(100, axis.ValueAt(0));
        Assert.Equal(5000, axis.ValueAt(49));
        Assert.Equal(14, axis.NearestIndex(1500));
        Assert.Equal(49, axis.NearestIndex(9999));
    }
}
