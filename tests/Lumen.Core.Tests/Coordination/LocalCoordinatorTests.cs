using Lumen.Core.Coordination;

namespace Lumen.Core.Tests.Coordination;

/// <summary>
/// Local coordination holds every service it is asked about, with token 0, for ever; it keeps the
/// last holdings while the services asked about stay the same, and follows any change.
/// </summary>
public sealed class LocalCoordinatorTests
{
    private static readonly HashSet<string> NoneBusy = new(StringComparer.Ordinal);

    [Fact]
    public async Task RefreshAsync_Services_HoldsEachOnceWithTokenZeroForEver()
    {
        var coordinator = new LocalCoordinator("r1");

        var holdings = await coordinator.RefreshAsync(["checkout", "search", "checkout"], NoneBusy, CancellationToken.None);

        Assert.Equal(["checkout", "search"], holdings.Held.Keys.Order(StringComparer.Ordinal));
        Assert.All(holdings.Held.Values, token => Assert.Equal(0L, token));
        Assert.All(holdings.Holders.Values, holder => Assert.Equal("r1", holder));
        Assert.Equal(DateTimeOffset.MaxValue, holdings.ValidUntil);
        Assert.Null(holdings.Problem);
        Assert.True(holdings.Holds("search", DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task RefreshAsync_ServicesChangeBetweenTicks_HoldingsFollowEveryChange()
    {
        var coordinator = new LocalCoordinator("r1");
        string[] two = ["checkout", "search"];

        var first = await coordinator.RefreshAsync(two, NoneBusy, CancellationToken.None);
        var again = await coordinator.RefreshAsync([.. two], NoneBusy, CancellationToken.None);
        var grown = await coordinator.RefreshAsync(["checkout", "search", "cart"], NoneBusy, CancellationToken.None);
        var renamed = await coordinator.RefreshAsync(["checkout", "payments"], NoneBusy, CancellationToken.None);
        var back = await coordinator.RefreshAsync(two, NoneBusy, CancellationToken.None);

        Assert.Same(first, again); // the same services (a new list of them): the same holdings
        Assert.Equal(["cart", "checkout", "search"], grown.Held.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["checkout", "payments"], renamed.Held.Keys.Order(StringComparer.Ordinal));
        Assert.False(renamed.Holds("search", DateTimeOffset.UnixEpoch));
        Assert.Equal(["checkout", "search"], back.Held.Keys.Order(StringComparer.Ordinal));
    }
}
