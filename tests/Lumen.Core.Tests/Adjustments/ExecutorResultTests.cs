using Lumen.Core.Adjustments;

namespace Lumen.Core.Tests.Adjustments;

public sealed class ExecutorResultTests
{
    [Fact]
    public void Ok_FiniteValue_CarriesValue()
    {
        var result = ExecutorResult.Ok(32, "done");

        Assert.True(result.IsOk);
        Assert.Equal(32, result.Value);
        Assert.Equal("done", result.Detail);
        Assert.Equal("", result.Reason);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Ok_NonFiniteValue_Throws(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExecutorResult.Ok(value));

    [Fact]
    public void Value_OfFailedResult_Throws()
    {
        var result = ExecutorResult.Failed("target down", transient: true);

        Assert.False(result.IsOk);
        Assert.True(result.Transient);
        var ex = Assert.Throws<InvalidOperationException>(() => result.Value);
        Assert.Contains("target down", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_OkAndFailed_ReadsForPeople()
    {
        Assert.Equal("Ok(0.25)", ExecutorResult.Ok(0.25).ToString());
        Assert.Equal("Failed(x, transient: False)", ExecutorResult.Failed("x", transient: false).ToString());
    }
}
