using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lumen.Core.Policy;

namespace Lumen.Core.Tests.Policy;

public sealed class RuleSyntaxTests
{
    [Theory]
    [InlineData("latency_pressure > 1.0", RuleCoordinate.LatencyPressure, ComparisonOp.GreaterThan, 1.0)]
    [InlineData("coherence<0.5", RuleCoordinate.Coherence, ComparisonOp.LessThan, 0.5)]
    [InlineData("  p95_ms >= 400 ", RuleCoordinate.P95Ms, ComparisonOp.GreaterOrEqual, 400)]
    [InlineData("error_rate <= 2e-2", RuleCoordinate.ErrorRate, ComparisonOp.LessOrEqual, 0.02)]
    [InlineData("load > -1", RuleCoordinate.Load, ComparisonOp.GreaterThan, -1)]
    public void TryParseCondition_ValidText_Parses(string text, RuleCoordinate coordinate, ComparisonOp op, double threshold)
    {
        Assert.True(RuleSyntax.TryParseCondition(text, out var condition, out var error), error);
        Assert.Equal(new RuleCondition(coordinate, op, threshold), condition);
    }

    [Theory]
    [InlineData("latency > 1", "unknown coordinate: expected one of load, latency_pressure")]
    [InlineData("load == 1", "expected a condition")]
    [InlineData("load > high", "expected a finite number after '>', found \"high\"")]
    [InlineData("> 1", "expected a condition")]
    [InlineData("load > NaN", "expected a finite number")]
    public void TryParseCondition_InvalidText_SaysWhatWasExpected(string text, string message)
    {
        Assert.False(RuleSyntax.TryParseCondition(text, out var condition, out var error));
        Assert.Null(condition);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Property]
    public Property ConditionToString_RoundTrips()
    {
        var gen = from c in Gen.Elements(Enum.GetValues<RuleCoordinate>())
                  from o in Gen.Elements(Enum.GetValues<ComparisonOp>())
                  from t in ArbMap.Default.GeneratorFor<NormalFloat>()
                  select new RuleCondition(c, o, t.Get);
        return Prop.ForAll(gen.ToArbitrary(), c =>
            RuleSyntax.TryParseCondition(c.ToString(), out var parsed, out _) && parsed == c);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("3 intervals", 3)]
    [InlineData("1 interval", 1)]
    [InlineData(" 12  intervals ", 12)]
    public void TryParseIntervals_ValidText_Parses(string text, int expected)
    {
        Assert.True(RuleSyntax.TryParseIntervals(text, out var n, out _));
        Assert.Equal(expected, n);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("3 minutes")]
    [InlineData("three")]
    [InlineData("")]
    public void TryParseIntervals_InvalidText_Fails(string text)
    {
        Assert.False(RuleSyntax.TryParseIntervals(text, out _, out var error));
        Assert.Contains("expected a number of intervals >= 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Holds_Nan_IsNeverTrue()
    {
        Assert.All(Enum.GetValues<ComparisonOp>(), op => Assert.False(new RuleCondition(RuleCoordinate.Load, op, 1).Holds(double.NaN)));
    }
}
