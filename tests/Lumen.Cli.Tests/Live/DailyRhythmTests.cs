using Lumen.Cli.Live;

namespace Lumen.Cli.Tests.Live;

public sealed class DailyRhythmTests
{
    private static readonly DailyRhythm Day = new(TimeSpan.FromMinutes(4), MinRps: 15, MaxRps: 120);

    [Fact]
    public void RateAt_StartNoonEnd_TroughPeakTrough()
    {
        Assert.Equal(15, Day.RateAt(TimeSpan.Zero), 9);
        Assert.Equal(120, Day.RateAt(TimeSpan.FromMinutes(2)), 9);
        Assert.Equal(15, Day.RateAt(TimeSpan.FromMinutes(4)), 9);
        Assert.Equal(67.5, Day.RateAt(TimeSpan.FromMinutes(1)), 9);
    }

    [Fact]
    public void RequestsBy_WholeDay_IsMeanRateTimesLength()
    {
        Assert.Equal(0, Day.RequestsBy(TimeSpan.Zero), 9);
        Assert.Equal(67.5 * 240, Day.RequestsBy(TimeSpan.FromMinutes(4)), 6);
    }

    [Fact]
    public void RequestsBy_SmallStep_MatchesRateAt()
    {
        // The integral's derivative is the rate: the pacer's request count follows the curve.
        for (var s = 1; s < 240; s += 17)
        {
            var t = TimeSpan.FromSeconds(s);
            var h = TimeSpan.FromMilliseconds(1);
            var slope = (Day.RequestsBy(t + h) - Day.RequestsBy(t - h)) / (2 * h.TotalSeconds);
            Assert.Equal(Day.RateAt(t), slope, 3);
        }
    }
}
