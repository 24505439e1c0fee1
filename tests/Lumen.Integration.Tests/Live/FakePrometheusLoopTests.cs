using Lumen.Core.Ledger;
using Lumen.Integration.Tests.TestKit;
using Microsoft.AspNetCore.Http;

namespace Lumen.Integration.Tests.Live;

/// <summary>
/// docs/loop.md at the loop level, with <c>lumen run</c>'s composition: for every bad Prometheus answer
/// of issue 6 a tick takes no action and records why (the observation's status and reason, the tick's
/// problems), while an adjustment already past its TTL is still rolled back.
/// </summary>
public sealed class FakePrometheusLoopTests
{
    private const double Start = 32;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    public static TheoryData<string> BadAnswers => ["empty", "NaN", "+Inf", "two series", "status error", "HTTP 500 HTML", "invalid JSON", "stall"];

    private static Func<HttpContext, CancellationToken, Task> Answer(string name) => name switch
    {
        "empty" => Write("""{"status":"success","data":{"resultType":"vector","result":[]}}"""),
        "NaN" or "+Inf" => async (ctx, ct) => await Sample(ctx, ct, name),
        "two series" => async (ctx, ct) =>
        {
            var time = (await ctx.Request.ReadFormAsync(ct))["time"].ToString();
            await Write($$$"""
                {"status":"success","data":{"resultType":"vector","result":[
                {"metric":{"service":"checkout","track":"canary","instance":"a:1"},"value":[{{{time}}},"1"]},
                {"metric":{"service":"checkout","track":"canary","instance":"b:1"},"value":[{{{time}}},"2"]}]}}
                """)(ctx, ct);
        },
        "status error" => Write("""{"status":"error","errorType":"execution","error":"many-to-many matching not allowed"}""", 422),
        "HTTP 500 HTML" => Write("<html><body><h1>500 Internal Server Error</h1></body></html>", 500, "text/html"),
        "invalid JSON" => Write("""{"status":"success","data":{"resultType":"vector","result":[""", 200),
        "stall" => async (_, ct) => await Task.Delay(Timeout.Infinite, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static async Task Sample(HttpContext ctx, CancellationToken ct, string value)
    {
        var time = (await ctx.Request.ReadFormAsync(ct))["time"].ToString();
        await Write($$$"""
            {"status":"success","data":{"resultType":"vector","result":[
            {"metric":{"service":"checkout","track":"baseline"},"value":[{{{time}}},"{{{value}}}"]},
            {"metric":{"service":"checkout","track":"canary"},"value":[{{{time}}},"{{{value}}}"]}]}}
            """)(ctx, ct);
    }

    private static Func<HttpContext, CancellationToken, Task> Write(string body, int status = 200, string type = "application/json") =>
        async (ctx, ct) =>
        {
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = type;
            await ctx.Response.WriteAsync(body, ct);
        };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Tick_BadPrometheusAnswer_NoActionReasonRecordedExpiredStillRolledBack(string bad)
    {
        await using var target = await FakeLiveTarget.StartAsync(Start);
        using var config = LiveConfig.Write(target.Server.Url, target.AdminUrl, target.AdminUrl);
        await using var driver = await LiveLoopDriver.StartAsync(config, "token", prometheusTimeout: TimeSpan.FromMilliseconds(300));

        // 1. Bad data from the start: ticks record the reason and never act.
        target.Bad = Answer(bad);
        for (var i = 0; i < 6; i++)
        {
            await driver.TickAsync(Step);
        }

        var entries = driver.Entries();
        Assert.Equal(0, target.Puts);
        Assert.DoesNotContain(entries, e => e.Kind is LedgerKinds.AdjustmentIntent or LedgerKinds.Shadow);
        var observation = entries.Last(e => e.Kind == LedgerKinds.Observation);
        var canary = observation.Data.GetProperty("tracks").GetProperty("canary");
        Assert.NotEqual("ok", canary.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(canary.GetProperty("reason").GetString()));
        var tick = entries.Last(e => e.Kind == LedgerKinds.Tick);
        Assert.False(tick.Data.GetProperty("ok").GetBoolean());
        Assert.Contains(tick.Data.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("checkout: canary", StringComparison.Ordinal));
        Assert.Equal(Start, target.Knob);

        // 2. Good data: the rule acts on the canary.
        target.Bad = null;
        Assert.True(await driver.TickUntilAsync(e => e.Any(x => x.Kind == LedgerKinds.AdjustmentApplied), ticks: 12, Step));
        Assert.NotEqual(Start, target.Knob);
        var puts = target.Puts;

        // 3. Bad data again and the TTL passes: no new action, but the rollback happens.
        target.Bad = Answer(bad);
        await driver.TickAsync(TimeSpan.FromSeconds(61));
        entries = driver.Entries();
        Assert.Single(entries, e => e.Kind == LedgerKinds.AdjustmentIntent);
        Assert.Single(entries, e => e.Kind == LedgerKinds.AdjustmentExpired);
        Assert.Equal(Start, target.Knob);
        Assert.Equal(puts + 1, target.Puts);
    }
}
