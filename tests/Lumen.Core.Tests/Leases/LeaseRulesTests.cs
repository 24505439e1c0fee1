using Lumen.Core.Leases;

namespace Lumen.Core.Tests.Leases;

public sealed class LeaseRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(15);

    [Fact]
    public void Acquire_NoLease_GrantsTokenAfterTheLastOneIssued()
    {
        var outcome = LeaseRules.Acquire(null, lastToken: 7, "a", Ttl, null, Now);

        Assert.Equal(LeaseStatus.Granted, outcome.Status);
        Assert.Equal(8, outcome.Lease!.Token);
        Assert.Equal(Now + Ttl, outcome.Lease.ExpiresAt);
        Assert.Null(outcome.TakenOverFrom);
    }

    [Fact]
    public void Acquire_OtherHolderUnexpired_IsHeldAndNamesTheHolder()
    {
        var current = new TargetLease("a", 3, Now, Now + Ttl);

        var outcome = LeaseRules.Acquire(current, 3, "b", Ttl, null, Now + TimeSpan.FromSeconds(14));

        Assert.Equal(LeaseStatus.Held, outcome.Status);
        Assert.Equal("a", outcome.Lease!.Holder);
    }

    [Fact]
    public void Acquire_OtherHolderExpired_TakesOverWithAHigherToken()
    {
        var current = new TargetLease("a", 3, Now, Now + Ttl);

        var outcome = LeaseRules.Acquire(current, 3, "b", Ttl, null, Now + Ttl);

        Assert.Equal(LeaseStatus.Granted, outcome.Status);
        Assert.Equal(4, outcome.Lease!.Token);
        Assert.Equal(current, outcome.TakenOverFrom);
    }

    [Fact]
    public void Acquire_RenewalWithCurrentToken_KeepsTokenAndExtends()
    {
        var current = new TargetLease("a", 3, Now, Now + Ttl);

        var outcome = LeaseRules.Acquire(current, 3, "a", Ttl, 3, Now + TimeSpan.FromSeconds(10));

        Assert.Equal(3, outcome.Lease!.Token);
        Assert.Equal(Now, outcome.Lease.AcquiredAt);
        Assert.Equal(Now + TimeSpan.FromSeconds(25), outcome.Lease.ExpiresAt);
    }

    [Fact]
    public void Acquire_SameHolderWithoutToken_GetsANewTokenSoItsOldWritesAreFenced()
    {
        var current = new TargetLease("a", 3, Now, Now + Ttl);

        var outcome = LeaseRules.Acquire(current, 3, "a", Ttl, null, Now);

        Assert.Equal(4, outcome.Lease!.Token);
        Assert.True(LeaseRules.IsStale(outcome.Lease, 3));
        Assert.False(LeaseRules.IsStale(outcome.Lease, 4));
    }

    [Fact]
    public void Release_ByHolder_EndsNow_ByOthers_ChangesNothing()
    {
        var current = new TargetLease("a", 3, Now, Now + Ttl);

        var (byOther, _) = LeaseRules.Release(current, "b", 3, Now);
        var (byHolder, outcome) = LeaseRules.Release(current, "a", 3, Now);

        Assert.Equal(current, byOther);
        Assert.Equal(Now, byHolder!.ExpiresAt);
        Assert.Equal(LeaseStatus.Released, outcome.Status);
    }
}
