using Lumen.Adapters.Thresholds;

namespace Lumen.Adapters.Tests.Thresholds;

public sealed class SelectorLabelsTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("env=\"prod\"", "env=prod")]
    [InlineData(" env = \"prod\" , cluster=~\"eu-.*\", zone!=\"a\", ns!~\"t.*\", team=\"sre\"", "env=prod team=sre")]
    [InlineData("path=\"a\\\\b \\\"q\\\", x\"", "path=a\\b \"q\", x")]
    [InlineData("stage=\"prod\", service=\"x\", env=\"prod\", env=\"other\"", "env=prod")]
    public void Parse_Selector_KeepsTheFirstEqualityMatcherOfEachNonReservedName(string selector, string expected)
    {
        var labels = SelectorLabels.Parse(selector);

        Assert.Equal(expected, string.Join(' ', labels.Select(l => $"{l.Key}={l.Value}")));
    }

    [Fact]
    public void Matchers_ValueWithQuotes_IsEscapedForPromQl()
    {
        Assert.Equal("stage=\"prod\", path=\"a\\\\b \\\"q\\\"\"", SelectorLabels.Matchers("prod", SelectorLabels.Parse("path=\"a\\\\b \\\"q\\\"\"")));
    }
}
