using System.Collections.Immutable;
using Lumen.Cli.Health;
using Lumen.Core.Coordination;

namespace Lumen.Cli.Tests.Commands;

/// <summary>The fleet row of <c>lumen health</c> (which replica holds which service).</summary>
public sealed class CoordinationHealthTests
{
    private static readonly IReadOnlyList<string> Services = ["cart", "checkout", "search", "shipping"];

    [Fact]
    public void EveryServiceHeld_IsOk_AndNamesEachReplicasServices()
    {
        var fleet = new FleetView("etcd at http://127.0.0.1:2379/", ["a", "b"],
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
            {
                ["cart"] = "a", ["checkout"] = "b", ["search"] = "a", ["shipping"] = "b",
            }));

        var check = CoordinationHealth.Describe(fleet, Services);

        Assert.Equal(Health.HealthStatus.Ok, check.Status);
        Assert.Contains("2 replica(s) live (a, b)", check.Detail, StringComparison.Ordinal);
        Assert.Contains("a holds 2 (cart, search)", check.Detail, StringComparison.Ordinal);
        Assert.Contains("b holds 2 (checkout, shipping)", check.Detail, StringComparison.Ordinal);
        Assert.Contains("0 of 4 service(s) without a holder", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AServiceWithoutAHolder_IsAWarning()
    {
        var fleet = new FleetView("kubernetes namespace lumen", ["a"],
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string> { ["cart"] = "a" }));

        var check = CoordinationHealth.Describe(fleet, Services);

        Assert.Equal(Health.HealthStatus.Warn, check.Status);
        Assert.Contains("3 of 4 service(s) without a holder", check.Detail, StringComparison.Ordinal);
    }
}
