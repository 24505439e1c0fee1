using FsCheck.Xunit;
using Lumen.Adapters.Prometheus;

namespace Lumen.Adapters.Tests.Prometheus;

public sealed class PromValueTests
{
    [Theory]
    [InlineData("NaN", double.NaN)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("0", 0.0)]
    [InlineData("0.25", 0.25)]
    [InlineData("1e-05", 1e-05)]
    [InlineData("-3.5E+10", -3.5e10)]
    public void TryParse_PrometheusSpelling_ParsesExactly(string text, double expected)
    {
        Assert.True(PromValue.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("fast")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("1 000")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    public void TryParse_NotAPrometheusNumber_FailsWithNaNNeverZero(string? text)
    {
        Assert.False(PromValue.TryParse(text, out var value));
        Assert.True(double.IsNaN(value));
    }

    [Property]
    public bool TryParse_RoundTripsEveryFiniteDouble(double x) =>
        !double.IsFinite(x) || (PromValue.TryParse(PromValue.Format(x), out var y) && y.Equals(x));

    [Property]
    public bool TryParse_AnyText_FailureIsNaNNeverZero(string? text) =>
        PromValue.TryParse(text, out var v) ? !double.IsNaN(v) || text == "NaN" : double.IsNaN(v);
}
