using Lumen.Core.Rhythm;

namespace Lumen.Core.Tests.Rhythm;

public sealed class CyclePhaseTests
{
    [Theory]
    [InlineData(0.0, PhaseLabel.Peak)]
    [InlineData(0.78, PhaseLabel.Peak)]
    [InlineData(Math.PI / 4, PhaseLabel.Falling)]
    [InlineData(Math.PI / 2, PhaseLabel.Falling)]
    [InlineData(2.36, PhaseLabel.Trough)]
    [InlineData(Math.PI, PhaseLabel.Trough)]
    [InlineData(3.92, PhaseLabel.Trough)]
    [InlineData(3 * Math.PI / 2, PhaseLabel.Rising)]
    [InlineData(5.49, PhaseLabel.Rising)]
    [InlineData(5.50, PhaseLabel.Peak)]
    [InlineData(-0.1, PhaseLabel.Peak)]
    [InlineData(2 * Math.PI, PhaseLabel.Peak)]
    public void Label_Phase_MatchesTheQuarters(double phase, PhaseLabel expected) =>
        Assert.Equal(expected, CyclePhase.Label(phase));

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(-Math.PI / 2, 3 * Math.PI / 2)]
    [InlineData(7 * Math.PI, Math.PI)]
    [InlineData(-1e-18, 0.0)]
    public void Wrap_Angle_IntoZeroTwoPi(double angle, double expected)
    {
        double wrapped = CyclePhase.Wrap(angle);

        Assert.Equal(expected, wrapped, 1e-12);
        Assert.InRange(wrapped, 0, Math.BitDecrement(2 * Math.PI));
    }

    [Fact]
    public void Angle_UtcMidnightAndNoon_ZeroAndPi()
    {
        var day = TimeSpan.FromHours(24);

        Assert.Equal(0, CyclePhase.Angle(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), day));
        Assert.Equal(Math.PI, CyclePhase.Angle(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero), day), 1e-15);
        Assert.Equal(Math.PI, CyclePhase.Angle(new DateTimeOffset(2030, 1, 1, 14, 0, 0, TimeSpan.FromHours(2)), day), 1e-15);
    }

    [Fact]
    public void Angle_WeeklyPeriod_ZeroOnMonday()
    {
        var monday = new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(DayOfWeek.Monday, monday.DayOfWeek);

        Assert.Equal(0, CyclePhase.Angle(monday, TimeSpan.FromDays(7)));
        Assert.Equal(Math.PI, CyclePhase.Angle(monday.AddDays(3.5), TimeSpan.FromDays(7)), 1e-15);
    }
}
