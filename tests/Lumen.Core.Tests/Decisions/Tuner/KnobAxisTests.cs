using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lumen.Core.Decisions.Tuner;

namespace Lumen.Core.Tests.Decisions.Tuner;

public sealed class KnobAxisTests
{
    private static readonly KnobAxis Concurrency = new("concurrency_limit", 4, 256, 4, Integer: true);

    [Property(MaxTest = 2000)]
    public Property Snap_NeverLeavesTheBoundsOrTheClamp()
    {
        var gen = from start in Gen.Choose(4, 256)
                  from target in Gen.Choose(-100, 600)
                  from clampPercent in Gen.Choose(1, 100)
                  select (From: (double)start, Target: (double)target, Clamp: clampPercent / 100.0);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var v = Concurrency.Snap(t.From, t.Target, t.Clamp);
            return v >= 4 && v <= 256 && Math.Abs(v - t.From) <= (t.Clamp * t.From) + 1e-9 && v == Math.Round(v)
                   && (t.Target >= t.From ? v >= t.From : v <= t.From);
        });
    }

    [Fact]
    public void Snap_OnTheGrid_WhenAGridPointIsWithinTheClamp()
    {
        Assert.Equal(40, Concurrency.Snap(32, 41, 0.25));
        Assert.Equal(24, Concurrency.Snap(32, 23, 0.25));
    }

    [Fact]
    public void Snap_SmallValueWhoseClampIsLessThanAStep_StillMoves()
    {
        var search = new KnobAxis("concurrency_limit", 2, 128, 2, Integer: true);

        Assert.Equal(7, search.Snap(6, 8, 0.25));
        Assert.Equal(5, search.Snap(6, 4, 0.25));
    }

    [Fact]
    public void Position_IsLogarithmicForPositiveBounds()
    {
        Assert.Equal(0, Concurrency.Position(4), 12);
        Assert.Equal(1, Concurrency.Position(256), 12);
        Assert.Equal(0.5, Concurrency.Position(32), 12);
        Assert.Equal(0.25, new KnobAxis("x", 0, 100, 1, false).Position(25), 12);
    }
}
