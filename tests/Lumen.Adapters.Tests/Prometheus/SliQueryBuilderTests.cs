using Lumen.Adapters.Prometheus;

namespace Lumen.Adapters.Tests.Prometheus;

public sealed class SliQueryBuilderTests
{
    [Fact]
    public void Render_ManyServices_OneRegexAlternationSortedAndDistinct()
    {
        var q = SliQueryBuilder.Render("""sum by (service, track) (rate(x{service=~"$service", track=~"$track"}[$window]))""",
            ["search", "checkout", "search"], ["canary", "baseline"], "5m");

        Assert.Equal("""sum by (service, track) (rate(x{service=~"checkout|search", track=~"baseline|canary"}[5m]))""", q);
    }

    [Theory]
    [InlineData("a.b", @"a\\.b")]
    [InlineData("a+b|c", @"a\\+b\\|c")]
    [InlineData("we\"ird", "we\\\"ird")]
    [InlineData(@"back\slash", @"back\\\slash")]
    public void Alternation_Metacharacters_AreEscapedForRe2AndThePromQLString(string name, string expected)
    {
        Assert.Equal(expected, SliQueryBuilder.Alternation([name]));
    }

    [Theory]
    [InlineData("""x{service=~"$service", track=~"$track"}""", true)]
    [InlineData("""x{service =~ "$service", track=~"$track"}""", true)]
    [InlineData("""x{service="$service", track=~"$track"}""", false)]
    [InlineData("""x{service=~"$service", track="$track"}""", false)]
    public void Problem_PlaceholderOutsideARegexMatcher_IsReported(string template, bool ok)
    {
        Assert.Equal(ok, SliQueryBuilder.Problem(template) is null);
    }
}
