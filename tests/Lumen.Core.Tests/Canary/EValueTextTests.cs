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
    public void Replay_StrongEvidence_ReasonsPrintTheEValueReadablyNotFortyDigits()
    {
        var verdict = CanaryJudge.Replay(SyntheticCanary.Policy(), SyntheticCanary.Slo, new SyntheticCanary(7) { CanaryErrorFactor = 20 }.Intervals(120));
        Assert.Equal(CanaryOutcome.Fail, verdict.Outcome);
        var gate = verdict.Gates.First(g => g.Outcome == CanaryOutcome.Fail);
        Assert.Contains($"e-value {CanaryJudge.E(gate.EFail!.Value)} ≥", gate.Reason, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{12,}", gate.Reason);
    }
}
