using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Lumen.Integration.Tests.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Integration.Tests.Reliability;

/// <summary>
/// Two loops composed as <c>lumen run</c> composes them (different state directories, different
/// holders) on one demo canary over HTTP on loopback, with a real Prometheus: the target's lease lets
/// exactly one act; the canary ends at its baseline configuration after both stop; a stale fencing
/// token is refused by the target (docs/reliability.md).
/// </summary>
public sealed class OneControllerPerTargetTests(LiveFixture live) : IClassFixture<LiveFixture>
{
    private const string Knob = "concurrency_limit";

    [Fact]
    public async Task TwoLoops_OneTarget_ExactlyOneActsAndTheCanaryEndsAtBaseline()
    {
        await using var load = new BackgroundLoad([live.Baseline.Url, live.Canary.Url]);
        using var configA = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl);
        using var configB = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl);
        var baseline = await AdminClient.KnobAsync(live.Http, live.Canary.AdminUrl, LiveFixture.AdminToken, Knob);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        string ledgerA;
        string ledgerB;
        var a = await LiveLoopDriver.StartAsync(configA, LiveFixture.AdminToken, leaseHolder: "controller-a", time: time);
        var b = await LiveLoopDriver.StartAsync(configB, LiveFixture.AdminToken, leaseHolder: "controller-b", time: time);
        try
        {
            ledgerA = a.Live.LedgerPath;
            ledgerB = b.Live.LedgerPath;
            var acted = false;
            for (var i = 0; i < 30 && !acted; i++)
            {
                time.Advance(TimeSpan.FromSeconds(2));
                await a.Live.Loop.TickAsync(CancellationToken.None);
                var reportB = await b.Live.Loop.TickAsync(CancellationToken.None);
                Assert.Contains(reportB.Problems, p => p.Contains("held by controller-a", StringComparison.Ordinal));
                acted = a.Entries().Any(e => e.Kind == LedgerKinds.AdjustmentApplied) || b.Entries().Any(e => e.Kind == LedgerKinds.AdjustmentApplied);
                await Task.Delay(TimeSpan.FromSeconds(1)); // lets Prometheus scrape again
            }

            Assert.True(acted, "neither loop applied an adjustment in 30 ticks");
            Assert.Contains(b.Live.Loop.SafetyFaults, f => f.Contains("lease on checkout not held", StringComparison.Ordinal));
            Assert.Empty(a.Live.Loop.SafetyFaults);

            // The TTL passes: the holder restores its own change; the other still does nothing.
            time.Advance(TimeSpan.FromSeconds(61));
            await a.Live.Loop.TickAsync(CancellationToken.None);
            await b.Live.Loop.TickAsync(CancellationToken.None);
            Assert.Single(a.Entries(), e => e.Kind == LedgerKinds.AdjustmentExpired);
        }
        finally
        {
            await a.DisposeAsync(); // a clean stop with nothing open releases the lease
        }

        try
        {
            // The lease was given up: the second controller takes it over, and says so in its ledger.
            // (It would act from then on, as it should; this test's second controller only takes over, so
            // whether its rate() windows still hold data on the fake clock does not matter.)
            b.Live.Loop.AcceptNewAdjustments = false;
            time.Advance(TimeSpan.FromSeconds(2));
            await b.Live.Loop.TickAsync(CancellationToken.None);
            var takeover = Assert.Single(b.Entries(), e => e.Kind == LedgerKinds.LeaseTakenOver);
            Assert.Equal("controller-a", takeover.Data.GetProperty("previous_holder").GetString());
            Assert.True(takeover.Data.GetProperty("token").GetInt64() > takeover.Data.GetProperty("previous_token").GetInt64());

            // The first controller's token is stale now: the target refuses a write that carries it.
            using var stale = new HttpRequestMessage(HttpMethod.Put, live.Canary.AdminUrl)
            {
                Content = new StringContent($"{{\"{Knob}\": 99}}", Encoding.UTF8, "application/json"),
            };
            stale.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LiveFixture.AdminToken);
            stale.Headers.Add("Lumen-Fencing-Token", takeover.Data.GetProperty("previous_token").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var refused = await live.Http.SendAsync(stale);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }
        finally
        {
            await b.DisposeAsync();
        }

        var entriesA = LiveLoopDriver.ReadLedger(ledgerA);
        var entriesB = LiveLoopDriver.ReadLedger(ledgerB);
        Assert.Contains(entriesA, e => e.Kind == LedgerKinds.AdjustmentApplied);
        Assert.DoesNotContain(entriesB, e => e.Kind is LedgerKinds.AdjustmentIntent or LedgerKinds.AdjustmentApplied
            or LedgerKinds.AdjustmentExpired or LedgerKinds.AdjustmentRolledBack or LedgerKinds.RollbackFailed);
        // No conflict happened, and none was lost: neither ledger has one, and the knob is back where it started.
        Assert.DoesNotContain(entriesA.Concat(entriesB), e => e.Kind == LedgerKinds.AdjustmentConflict);
        Assert.Equal(baseline, await AdminClient.KnobAsync(live.Http, live.Canary.AdminUrl, LiveFixture.AdminToken, Knob));
        Assert.True(LedgerFileVerifier.Verify(ledgerA, null, null).IsValid);
        Assert.True(LedgerFileVerifier.Verify(ledgerB, null, null).IsValid);
    }
}
