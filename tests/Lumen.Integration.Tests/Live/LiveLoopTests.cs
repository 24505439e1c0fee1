using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Lumen.Integration.Tests.TestKit;

namespace Lumen.Integration.Tests.Live;

/// <summary>
/// The loop as <c>lumen run</c> composes it, against a real Prometheus scraping real demo-service
/// instances under load: it changes a knob on the canary through the http executor, and the TTL
/// rolls it back. The loop's clock is fake (so the TTL passes at once); everything else is real.
/// </summary>
public sealed class LiveLoopTests(LiveFixture live) : IClassFixture<LiveFixture>
{
    private const string Knob = "concurrency_limit";

    [Fact]
    public async Task Tick_RealPrometheus_ChangesCanaryKnobThenRollsItBackAtTtl()
    {
        await using var load = new BackgroundLoad([live.Baseline.Url, live.Canary.Url]);
        using var config = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl);
        var before = await AdminClient.KnobAsync(live.Http, live.Canary.AdminUrl, LiveFixture.AdminToken, Knob);
        var baselineBefore = await AdminClient.KnobAsync(live.Http, live.Baseline.AdminUrl, LiveFixture.AdminToken, Knob);
        string ledgerPath;
        await using (var driver = await LiveLoopDriver.StartAsync(config, LiveFixture.AdminToken))
        {
            ledgerPath = driver.Live.LedgerPath;
            var applied = await driver.TickUntilAsync(
                e => e.Any(x => x.Kind == LedgerKinds.AdjustmentApplied), ticks: 30, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
            Assert.True(applied, "no adjustment.applied after 30 ticks; last problems: "
                + string.Join("; ", driver.Entries().Last(x => x.Kind == LedgerKinds.Tick).Data.GetProperty("problems").EnumerateArray()));

            var intent = driver.Entries().Single(x => x.Kind == LedgerKinds.AdjustmentIntent);
            Assert.Equal("checkout", intent.Service);
            Assert.Equal(Knob, intent.Data.GetProperty("knob").GetString());
            Assert.Equal(before, intent.Data.GetProperty("from").GetDouble());
            var to = intent.Data.GetProperty("to").GetDouble();
            Assert.True(to > before, $"the rule raises the knob: {before} -> {to}");
            Assert.Equal(to, await AdminClient.KnobAsync(live.Http, live.Canary.AdminUrl, LiveFixture.AdminToken, Knob));
            Assert.Equal(baselineBefore, await AdminClient.KnobAsync(live.Http, live.Baseline.AdminUrl, LiveFixture.AdminToken, Knob));

            // The TTL is 1 minute: one tick after it passes restores the recorded value.
            await driver.TickAsync(TimeSpan.FromSeconds(61));
            var expired = Assert.Single(driver.Entries(), x => x.Kind == LedgerKinds.AdjustmentExpired);
            Assert.Equal(intent.Data.GetProperty("id").GetString(), expired.Data.GetProperty("id").GetString());
            Assert.Equal(before, await AdminClient.KnobAsync(live.Http, live.Canary.AdminUrl, LiveFixture.AdminToken, Knob));
        }

        var verify = LedgerFileVerifier.Verify(ledgerPath, null, null);
        Assert.True(verify.IsValid, verify.Failure?.Reason);
    }
}
