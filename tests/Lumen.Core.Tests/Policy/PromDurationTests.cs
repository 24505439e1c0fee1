using Lumen.Core.Policy;

namespace Lumen.Core.Tests.Policy;

public sealed class PromDurationTests
{
    [Theory]
    [InlineData("5m", 300_000)]
    [InlineData("30s", 30_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("250ms", 250)]
    public void TryParse_ValidDuration_HasItsValueAndText(string text, long millis)
    {
        Assert.True(PromDuration.TryParse(text, out var d));
        Assert.Equal(TimeSpan.FromMilliseconds(millis), d.Value);
        Assert.Equal(text, d.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5 m")]
    [InlineData("m")]
    [InlineData("30m1h")]
    [InlineData("5mm")]
    [InlineData("0s")]
    [InlineData("5M")]
    public void TryParse_InvalidDuration_Fails(string text)
    {
        Assert.False(PromDuration.TryParse(text, out _));
    }
}
