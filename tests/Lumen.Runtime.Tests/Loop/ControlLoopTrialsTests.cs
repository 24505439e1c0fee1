using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.TestKit;
using Lumen.Runtime.Loop;
using Lumen.Runtime.Tests.TestKit;

namespace Lumen.Runtime.Tests.Loop;

/// <summary>The value-level tuner in the loop: trials kept or restored to the incumbent, never to the default.</summary>
public sealed class ControlLoopTrialsTests
{
    /// <summary>No rules (the tuner alone), a TTL longer than a block, two-minute measurements.</summary>
    private static LoopOptions Trials(LoopOptions o) => o with
    {
        Tuner = TunerKind.Lumen,
        Config = HarnessConfig.Create(ttlMinutes: 30) with { FeedbackRules = new FeedbackRuleSet([]) },
        TrialMeasure = TimeSpan.FromMinutes(2),
        BanditSeed = 11,
    };

    /// <summary>The canary's p95 falls as the knob rises to 48 and climbs beyond it; the baseline stays at 900 ms.</summary>
    private static double Valley(double knob) => 600 + (15 * Math.Abs(knob - 48));

    [Fact]
    public async Task TickAsync_BetterTrial_IsKeptAndStaysOnTheCanary()
    {
        await using var f = await LoopFixture.CreateAsync(configure: Trials);
        f.CanaryP95 = Valley;

        await f.TickUntilAsync(LedgerKinds.AdjustmentKept, limit: 400);

        var entries = await f.EntriesAsync();
        var kept = entries.Last(e => e.Kind == LedgerKinds.AdjustmentKept);
        var value = kept.Data.Number("value")!.Value;
        Assert.True(Valley(value) < Valley(HarnessConfig.KnobDefault), $"kept {value}, which is no better than the default");
        Assert.Equal(value, f.Loop.Book.Kept["checkout/" + HarnessConfig.Knob].Value);
        // The canary holds the kept value, or a new trial that starts from it.
        var now = f.Executor.Values[HarnessConfig.Knob];
        Assert.True(now == value || f.Loop.Book.Open.Values.Single().Intent.From == value);
        var judged = entries.Last(e => e.Kind == LedgerKinds.TrialJudged && e.Data.String("outcome") == "kept");
        Assert.True(judged.Data.Number("gain") > 0);
        Assert.Equal(kept.Data.String("trial"), judged.Data.String("trial"));

        // Kept means not restored: the value survives the TTL.
        for (var i = 0; i < 70; i++)
        {
            await f.TickAsync();
        }

        Assert.DoesNotContain(await f.EntriesAsync(), e => e.Kind == LedgerKinds.AdjustmentExpired && e.Data.String("id") == kept.Data.String("id"));
    }

    [Trait("Speed", "Slow")] // many simulated hours of ticks
    [Fact]
    public async Task TickAsync_Always_TheCanaryIsTheIncumbentOrOneOpenTrial_AndRestoresGoToTheIncumbent()
    {
        await using var f = await LoopFixture.CreateAsync(configure: Trials);
        f.CanaryP95 = Valley;
        var incumbent = HarnessConfig.KnobDefault;

        for (var i = 0; i < 600; i++)
        {
            await f.TickAsync();
            var open = f.Loop.Book.Open.Values.Where(a => a.State != Core.Adjustments.AdjustmentState.Intent).ToList();
            if (f.Loop.Book.Kept.TryGetValue("checkout/" + HarnessConfig.Knob, out var k))
            {
                incumbent = k.Value;
            }

            var value = f.Executor.Values[HarnessConfig.Knob];
            Assert.True(open.Count <= 1, "one trial at a time");
            Assert.True(value == incumbent || open.Any(a => a.Intent.To == value),
                $"tick {i}: the canary holds {value}; the incumbent is {incumbent}, open trials {string.Join(",", open.Select(a => a.Intent.To))}");
        }

        var entries = await f.EntriesAsync();
        var intents = entries.Where(e => e.Kind == LedgerKinds.AdjustmentIntent).ToDictionary(e => e.Data.String("id")!, e => e.Data.Number("from")!.Value);
        var restores = entries.Where(e => e.Kind == LedgerKinds.AdjustmentRolledBack).ToList();
        Assert.NotEmpty(restores);
        Assert.All(restores, r => Assert.Equal(intents[r.Data.String("id")!], r.Data.Number("restored")));
        Assert.Contains(restores, r => r.Data.Number("restored") != HarnessConfig.KnobDefault);
        Assert.True(Valley(incumbent) < Valley(HarnessConfig.KnobDefault) - 60, $"after 600 ticks the incumbent is {incumbent}");
    }

    [Fact]
    public async Task RestartMidTrial_RestoresTheIncumbentOnce_NeverTheDefault()
    {
        await using var f = await LoopFixture.CreateAsync(configure: Trials);
        f.CanaryP95 = Valley;
        await f.TickUntilAsync(LedgerKinds.AdjustmentKept, limit: 400);
        if (f.Loop.Book.Open.IsEmpty)
        {
            await f.TickUntilAsync(LedgerKinds.AdjustmentApplied, limit: 200);
        }

        var trial = f.Loop.Book.Open.Values.Single();
        var incumbent = trial.Intent.From;
        Assert.Equal(incumbent, f.Loop.Book.Kept["checkout/" + HarnessConfig.Knob].Value);
        Assert.NotEqual(HarnessConfig.KnobDefault, incumbent);
        Assert.NotEqual(incumbent, f.Executor.Values[HarnessConfig.Knob]);

        await f.RestartAsync();
        await f.TickUntilAsync(LedgerKinds.AdjustmentRolledBack, limit: 3);

        Assert.Equal(incumbent, f.Executor.Values[HarnessConfig.Knob]);
        for (var i = 0; i < 5; i++)
        {
            await f.TickAsync();
        }

        var entries = await f.EntriesAsync();
        Assert.Single(entries, e => e.Kind == LedgerKinds.AdjustmentRolledBack && e.Data.String("id") == trial.Id);
        Assert.Contains(entries, e => e.Kind == LedgerKinds.TrialJudged && e.Data.String("trial") == trial.Intent.Trial && e.Data.String("outcome") == "dropped");
        Assert.DoesNotContain(entries.Where(e => e.Kind == LedgerKinds.AdjustmentRolledBack), e => e.Data.Number("restored") == HarnessConfig.KnobDefault && e.Seq > entries.First(x => x.Kind == LedgerKinds.AdjustmentKept).Seq);
    }

    [Fact]
    public async Task TickAsync_Decision_LogsEveryCandidateAndThePropensity()
    {
        await using var f = await LoopFixture.CreateAsync(configure: Trials);
        f.CanaryP95 = Valley;

        await f.TickUntilAsync(LedgerKinds.Decision, limit: 20);

        var decision = (await f.EntriesAsync()).Last(e => e.Kind == LedgerKinds.Decision);
        Assert.Equal("lumen", decision.Data.String("tuner"));
        var p = decision.Data.Number("probability")!.Value;
        Assert.InRange(p, 1e-6, 1);
        var candidates = decision.Data.GetProperty("candidates").EnumerateArray().ToList();
        Assert.True(candidates.Count > 1);
        Assert.Equal(1.0, candidates.Sum(c => c.GetProperty("p").GetDouble()), 6);
    }

    [Trait("Speed", "Slow")] // 200 ticks (5 s under load)
    [Fact]
    public async Task TickAsync_ShadowMode_DecidesTrialsButNeverChangesTheCanary()
    {
        await using var f = await LoopFixture.CreateAsync(dryRun: true, configure: o => Trials(o) with { Config = HarnessConfig.Create(ttlMinutes: 30, dryRun: true) with { FeedbackRules = new FeedbackRuleSet([]) } });
        f.CanaryP95 = Valley;

        for (var i = 0; i < 200; i++)
        {
            await f.TickAsync();
        }

        var entries = await f.EntriesAsync();
        Assert.Contains(entries, e => e.Kind == LedgerKinds.Shadow);
        Assert.DoesNotContain(entries, e => e.Kind == LedgerKinds.AdjustmentIntent);
        Assert.Equal(HarnessConfig.KnobDefault, f.Executor.Values[HarnessConfig.Knob]);
    }

    [Fact]
    public async Task TickAsync_KnobsMeasureSeconds_IsTheBlocksMeasurementPeriod()
    {
        var config = HarnessConfig.Create(ttlMinutes: 30) with { FeedbackRules = new FeedbackRuleSet([]) };
        var service = config.Services.Services[0];
        config = config with { Services = new ServiceCatalog([service with { Knobs = [service.Knobs[0] with { MeasureSeconds = 60 }] }]) };
        await using var f = await LoopFixture.CreateAsync(configure: o => o with { Tuner = TunerKind.Lumen, Config = config, BanditSeed = 11 });
        f.CanaryP95 = Valley;

        await f.TickUntilAsync(LedgerKinds.TrialJudged, limit: 60);

        var judged = (await f.EntriesAsync()).First(e => e.Kind == LedgerKinds.TrialJudged && e.Data.Number("intervals") > 0);
        // 60 s of 30 s intervals, not the 300 s default: two or three measured intervals.
        Assert.InRange(judged.Data.Number("intervals")!.Value + judged.Data.Number("skipped")!.Value, 2, 3);
    }
}
