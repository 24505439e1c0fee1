using Lumen.Core.Coordination;
using Lumen.Core.Ledger;

namespace Lumen.Core.Tests.Coordination;

/// <summary>The claims across replicas' ledgers that <c>lumen ledger verify</c> and <c>lumen report</c> check.</summary>
public sealed class FleetClaimCheckTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static LedgerEntry Changed(string stage, string json) =>
        new(1, T0, LedgerKinds.CoordinationChanged, stage, null, "loop", LedgerData.Parse(json), "prev", "hash");

    [Fact]
    public void Check_OneTokenInTwoLedgers_IsOneProblemNamingBoth()
    {
        var a = Changed("prod", """{"replica":"a","gained":[{"service":"checkout","token":11}],"lost":[]}""");
        var b = Changed("prod", """{"replica":"b","gained":[{"service":"checkout","token":11},{"service":"cart","token":12}],"lost":[]}""");

        var claims = FleetClaimCheck.Check([("A", [a]), ("B", [b])]);

        Assert.Equal(3, claims.Gains);
        Assert.Equal(["a", "b"], claims.Replicas);
        Assert.Equal(["checkout (stage prod) was claimed under token 11 by a (A) and by b (B)"], claims.Problems);
    }

    [Fact]
    public void Check_SameTokenInAnotherStage_OrTheSameLedgerTwice_IsNoProblem()
    {
        var a = Changed("prod", """{"replica":"a","gained":[{"service":"checkout","token":11}]}""");
        var b = Changed("dev", """{"replica":"b","gained":[{"service":"checkout","token":11}]}""");

        Assert.Empty(FleetClaimCheck.Check([("A", [a]), ("B", [b])]).Problems);
        Assert.Empty(FleetClaimCheck.Check([("A", [a, a])]).Problems);
    }

    [Fact]
    public void GainedAndLost_SkipMalformedItems()
    {
        var entry = Changed("prod", """{"replica":"a","gained":[{"service":"checkout","token":11},{"service":"x"},{"service":3,"token":4},{"service":"y","token":"5"},7],"lost":["cart",9]}""");

        Assert.Equal([("checkout", 11L)], FleetClaimCheck.Gained(entry));
        Assert.Equal(["cart"], FleetClaimCheck.Lost(entry));
        Assert.Equal("a", FleetClaimCheck.ReplicaOf(entry));
        Assert.Null(FleetClaimCheck.ReplicaOf(Changed("prod", """{"gained":[]}""")));
    }
}
