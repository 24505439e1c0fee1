using Lumen.Core.Coordination;

namespace Lumen.Core.Tests.Coordination;

public sealed class ClaimPlanTests
{
    private static readonly IReadOnlySet<string> NoneBusy = new HashSet<string>();
    private static readonly IReadOnlyList<string> Services = [.. Enumerable.Range(0, 300).Select(i => $"svc-{i:D3}")];

    [Theory]
    [InlineData(300, 3, 100)]
    [InlineData(10, 3, 4)]
    [InlineData(2, 3, 1)]
    [InlineData(0, 3, 0)]
    [InlineData(7, 0, 7)]
    public void FairShare_IsTheCeilingOfServicesOverReplicas(int services, int replicas, int share)
    {
        Assert.Equal(share, ClaimPlan.FairShare(services, replicas));
    }

    [Fact]
    public void Plan_ClaimsFreeServicesUpToTheShare_AndNothingHeldByOthers()
    {
        var holders = Services.Take(50).ToDictionary(s => s, _ => "b");

        var (release, claim) = ClaimPlan.Plan(Services, 3, "a", holders, NoneBusy);

        Assert.Empty(release);
        Assert.Equal(100, claim.Count);
        Assert.DoesNotContain(claim, holders.ContainsKey);
    }

    [Fact]
    public void Plan_ReleasesTheSurplus_ButNeverABusyService()
    {
        var holders = Services.ToDictionary(s => s, _ => "a");
        var busy = Services.Take(250).ToHashSet();

        var (release, claim) = ClaimPlan.Plan(Services, 2, "a", holders, busy);

        Assert.Empty(claim);
        Assert.Equal(50, release.Count);
        Assert.DoesNotContain(release, busy.Contains);
    }

    [Fact]
    public void Plan_WhenEveryServiceIsBusy_ReleasesNothing()
    {
        var holders = Services.ToDictionary(s => s, _ => "a");

        var (release, _) = ClaimPlan.Plan(Services, 3, "a", holders, Services.ToHashSet());

        Assert.Empty(release);
    }

    [Fact]
    public void Plan_ThreeReplicasStartingTogether_ReachForMostlyDifferentServices()
    {
        var empty = new Dictionary<string, string>();

        var wants = new[] { "a", "b", "c" }.Select(r => ClaimPlan.Plan(Services, 3, r, empty, NoneBusy).Claim.ToHashSet()).ToList();

        var overlapAB = wants[0].Intersect(wants[1]).Count();
        // Independent preference orders overlap by about a third of a share (100 × 100/300), far from all of it.
        Assert.InRange(overlapAB, 10, 60);
    }

    [Fact]
    public void Preference_IsStableAcrossCalls()
    {
        Assert.Equal(ClaimPlan.Preference("a", "svc-001"), ClaimPlan.Preference("a", "svc-001"));
        Assert.NotEqual(ClaimPlan.Preference("a", "svc-001"), ClaimPlan.Preference("b", "svc-001"));
    }
}
