using Lumen.Reports.Charts;

namespace Lumen.Reports.Tests.Charts;

public sealed class TimeTicksTests
{
    private static readonly DateTime Start = new(2026, 12, 7, 3, 14, 27, DateTimeKind.Utc);

    [Fact]
    public void Make_ShortLiveSpan_LabelsAreDistinctAndShowSeconds()
    {
        var ticks = TimeTicks.Make(Start, Start.AddMinutes(3), maxTicks: 9);

        Assert.InRange(ticks.Count, 3, 9);
        Assert.Equal(ticks.Count, ticks.Select(t => t.Label).Distinct().Count());
        Assert.All(ticks, t => Assert.Matches(@"^\d\d:\d\d:\d\d$", t.Label));
        Assert.All(ticks, t => Assert.InRange(t.At, Start, Start.AddMinutes(3)));
    }

    [Fact]
    public void Make_MultiDayDemoSpan_LabelsAreDistinctAndNameTheDay()
    {
        var ticks = TimeTicks.Make(Start, Start.AddDays(7), maxTicks: 9);

        Assert.InRange(ticks.Count, 3, 9);
        Assert.Equal(ticks.Count, ticks.Select(t => t.Label).Distinct().Count());
        Assert.All(ticks, t => Assert.Matches(@"^[A-Z][a-z]{2} \d\d [A-Z][a-z]{2}", t.Label));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(90)]
    [InlineData(600)]
    [InlineData(3_600)]
    [InlineData(5 * 3_600)]
    [InlineData(86_400)]
    [InlineData(3 * 86_400)]
    [InlineData(30 * 86_400)]
    [InlineData(400 * 86_400)]
    public void Make_AnySpan_LabelsAreDistinctAndWithinTheLimit(int seconds)
    {
        foreach (var max in new[] { 2, 5, 9, 12 })
        {
            var ticks = TimeTicks.Make(Start, Start.AddSeconds(seconds), max);

            Assert.InRange(ticks.Count, 1, max);
            Assert.Equal(ticks.Count, ticks.Select(t => t.Label).Distinct().Count());
        }
    }
}
