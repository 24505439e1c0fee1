using Lumen.Web.Security;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Web.Tests.Security;

public sealed class AttemptThrottleTests
{
    [Fact]
    public void Check_ManyClientsTogether_OverallBucketRefuses()
    {
        using var throttle = new AttemptThrottle(new AttemptThrottleOptions { OverallBurst = 5, OverallPeriod = TimeSpan.FromHours(1) }, new FakeTimeProvider());

        var decisions = Enumerable.Range(0, 8).Select(i => throttle.Check("10.0.0." + i)).ToList();

        Assert.Equal(5, decisions.Count(d => d.Allowed));
        Assert.All(decisions.Skip(5), d => Assert.True(d.RetryAfter > TimeSpan.Zero));
    }

    [Fact]
    public void Failed_BackoffDoublesAndIsCapped()
    {
        var time = new FakeTimeProvider();
        using var throttle = new AttemptThrottle(new AttemptThrottleOptions { FreeFailures = 2, MaxLockout = TimeSpan.FromSeconds(10) }, time);

        var lockouts = Enumerable.Range(0, 8).Select(_ => throttle.Failed("c").TotalSeconds).ToList();

        Assert.Equal([0, 0, 1, 2, 4, 8, 10, 10], lockouts);
        Assert.False(throttle.Check("c").Allowed);
        Assert.True(throttle.Check("other").Allowed);
    }

    [Fact]
    public void Failed_AfterForgetAfter_StartsAfresh()
    {
        var time = new FakeTimeProvider();
        using var throttle = new AttemptThrottle(new AttemptThrottleOptions { FreeFailures = 1 }, time);
        throttle.Failed("c");
        throttle.Failed("c");

        time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(TimeSpan.Zero, throttle.Failed("c"));
    }

    [Fact]
    public void Failed_FromManyClients_MemoryStaysBounded()
    {
        using var throttle = new AttemptThrottle(new AttemptThrottleOptions { MaxClients = 100 }, new FakeTimeProvider());

        for (var i = 0; i < 10_000; i++)
        {
            throttle.Failed("client-" + i);
        }

        Assert.True(throttle.TrackedClients <= 100, throttle.TrackedClients.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    public void ClientKey_GroupsIpv6By64(string address, string key)
    {
        Assert.Equal(key, ClientKey.Of(System.Net.IPAddress.Parse(address)));
    }
}
