using Lumen.Core.Decisions.Tuner;

namespace Lumen.Core.Tests.Decisions.Tuner;

public sealed class TrialScoreTests
{
    private static readonly TunerSettings Settings = TunerSettings.Default;

    [Fact]
    public void Of_BelowTheSlo_IsTheLogOfTheWorseMargin()
    {
        Assert.Equal(Math.Log(0.5), TrialScore.Of(500, 0.001, 250, 0.01, Settings)!.Value, 12);
        Assert.Equal(Math.Log(0.25), TrialScore.Of(100, 0.04, 250, 0.01, Settings)!.Value, 12);
    }

    [Fact]
    public void Of_InsideTheSlo_IsTheWeightedMarginUpToTheCap()
    {
        Assert.Equal(Settings.MarginWeight * Math.Log(2), TrialScore.Of(125, 0.001, 250, 0.01, Settings)!.Value, 12);
        Assert.Equal(Settings.MarginWeight * Settings.ScoreCap, TrialScore.Of(1, 0, 250, 0.01, Settings)!.Value, 12);
    }

    [Fact]
    public void Of_UnusableInput_IsNullNeverZero()
    {
        Assert.Null(TrialScore.Of(double.NaN, 0.01, 250, 0.01, Settings));
        Assert.Null(TrialScore.Of(100, -1, 250, 0.01, Settings));
        Assert.Null(TrialScore.Of(100, 0.01, 0, 0.01, Settings));
    }
}
