using Lumen.Core.Sli;

namespace Lumen.Core.Tests.Sli;

public sealed class SliReadingTests
{
    [Fact]
    public void Of_Finite_Ok()
    {
        var reading = SliReading.Of(12.5);

        Assert.True(reading.IsOk);
        Assert.Equal(12.5, reading.Value);
        Assert.Null(reading.Reason);
    }

    [Theory]
    [InlineData(double.NaN, "value is NaN")]
    [InlineData(double.PositiveInfinity, "value is +Inf")]
    [InlineData(double.NegativeInfinity, "value is -Inf")]
    public void Of_NotFinite_InvalidWithReason(double value, string reason)
    {
        var reading = SliReading.Of(value);

        Assert.Equal(SliStatus.Invalid, reading.Status);
        Assert.Equal(reason, reading.Reason);
        Assert.True(double.IsNaN(reading.ValueOrNaN));
    }

    [Fact]
    public void Ok_NaN_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => SliReading.Ok(double.NaN));

    [Fact]
    public void NotOkReadings_NeverCarryANumber()
    {
        SliReading[] readings = [SliReading.Missing("no series"), SliReading.Stale("3 min old"), SliReading.Error("timeout")];

        Assert.Equal([SliStatus.Missing, SliStatus.Stale, SliStatus.Error], readings.Select(r => r.Status));
        Assert.All(readings, r => Assert.True(double.IsNaN(r.Value)));
        Assert.All(readings, r => Assert.False(r.IsOk));
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(3.5, true)]
    [InlineData(-0.1, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    public void IsUsable_Value(double value, bool usable) => Assert.Equal(usable, SliSample.IsUsable(value));

    [Fact]
    public void SloObjectives_Problem_NamesTheBadObjective()
    {
        Assert.Null(new SloObjectives(200, 0.01).Problem);
        Assert.Contains("p95", new SloObjectives(-1, 0.01).Problem, StringComparison.Ordinal);
        Assert.Contains("error rate", new SloObjectives(200, 2).Problem, StringComparison.Ordinal);
    }
}
