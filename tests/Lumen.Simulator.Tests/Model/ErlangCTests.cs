using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lumen.Simulator.Model;

namespace Lumen.Simulator.Tests.Model;

public sealed class ErlangCTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Probability_OneServer_IsTheUtilization(double rho)
    {
        // M/M/1: an arrival waits exactly when the server is busy, P = ρ.
        Assert.Equal(rho, ErlangC.Probability(1, rho), 12);
    }

    [Fact]
    public void Probability_TwoServersAtHalfLoad_IsOneThird()
    {
        // M/M/2: C = 2ρ² / (1 + ρ); ρ = 0.5 gives 1/3 (Harchol-Balter 2013, ch. 14).
        Assert.Equal(1.0 / 3.0, ErlangC.Probability(2, 1.0), 12);
    }

    [Fact]
    public void Probability_TenServersEightErlangs_MatchesTheTable()
    {
        // Erlang C tables: 10 agents, 8 Erlangs offered → P(wait) ≈ 0.4092; Erlang B ≈ 0.1217.
        Assert.Equal(0.1217, ErlangC.ErlangB(10, 8), 4);
        Assert.Equal(0.4092, ErlangC.Probability(10, 8), 4);
    }

    [Property(MaxTest = 200)]
    public Property Probability_SmallSystems_MatchesTheFactorialFormula()
    {
        var gen = from c in Gen.Choose(1, 20)
                  from load in Gen.Choose(1, 99)
                  select (c, a: c * load / 100.0);
        return Prop.ForAll(gen.ToArbitrary(), pair =>
        {
            var (c, a) = pair;
            var expected = Direct(c, a);
            return Math.Abs(ErlangC.Probability(c, a) - expected) < 1e-9 * Math.Max(1, expected);
        });
    }

    [Theory]
    [InlineData(256, 250.0)]
    [InlineData(256, 1.0)]
    [InlineData(1000, 999.9)]
    [InlineData(4, 4.0)]
    [InlineData(4, 40.0)]
    public void Probability_ExtremeSystems_IsAFiniteProbability(int c, double a)
    {
        var p = ErlangC.Probability(c, a);

        Assert.True(p is >= 0 and <= 1, $"C({c}, {a}) = {p}");
    }

    /// <summary>The textbook sum, fine for small c: C = (aᶜ/c!)·(c/(c−a)) / (Σ_{k&lt;c} aᵏ/k! + (aᶜ/c!)·(c/(c−a))).</summary>
    private static double Direct(int c, double a)
    {
        var term = 1.0;
        var sum = 0.0;
        for (var k = 0; k < c; k++)
        {
            sum += term;
            term *= a / (k + 1);
        }

        var top = term * c / (c - a);
        return top / (sum + top);
    }
}
