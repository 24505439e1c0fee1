using Lumen.Core.Canary;

namespace Lumen.Core.Tests.Canary;

public sealed class EValueTextTests
{
    [Theory]
    [InlineData(0.25, "0.25")]
    [InlineData(400, "400")]
    [InlineData(4.2e37, "4.2e+37")]
    [InlineData(123456, "1.2e+05")]
    public void E_Values_PrintReadably(double value, string expected) => Assert.Equal(expected, CanaryJudge.E(value));

    [Fact]
    public void Replay_HugeEvidence_ReasonsShowScientificNotationNotFortyDigits()
    {
        var verdict = CanaryJudge.Replay(SyntheticCanary.Policy(), SyntheticCanary.Slo, new SyntheticCanary(7) { CanaryErrorFactor = 20 }.Intervals(120));
        var gate = verdict.Gates.Single(g => g.Gate == "error_rate.relative");
        Assert.Equal(CanaryOutcome.Fail, gate.Outcome);
        Assert.Matches(@"e-value \d\.\de\+\d\d", gate.Reason);
        Assert.DoesNotMatch(@"\d{12,}", gate.Reason);
    }
}
