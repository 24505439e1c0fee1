namespace Lumen.Cli.Tests;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("24h", 86400)]
    [InlineData("90m", 5400)]
    [InlineData("7d", 604800)]
    [InlineData("3600s", 3600)]
    [InlineData("1.5h", 5400)]
    [InlineData(" 24H ", 86400)]
    public void TryParse_Valid_Seconds(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("h")]
    [InlineData("24")]
    [InlineData("24x")]
    [InlineData("-1h")]
    [InlineData("0h")]
    [InlineData("1e3s")]
    [InlineData("99999999999d")]
    public void TryParse_Invalid_False(string? text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(86400, "24h")]
    [InlineData(5400, "1h30m")]
    [InlineData(604800, "7d")]
    [InlineData(3601, "1h1s")]
    [InlineData(90, "1m30s")]
    public void Format_Seconds_CompactText(double seconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromSeconds(seconds)));
}
