using System.Globalization;
using System.Text;
using Lumen.Adapters.Config;
using Lumen.Cli.Hosting;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Integration.Tests.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Integration.Tests.Live;

/// <summary>
/// The start-up backfill of <c>lumen run</c>'s composition against a fake Prometheus on loopback that
/// answers the range queries badly: the p95 query with garbage (an HTML page), the error-rate query
/// with HTTP 500, and rps with gaps, a NaN and a +Inf. The loop still starts, with exactly the valid
/// points, and says what was missing; nothing is invented.
/// </summary>
public sealed class BackfillBadInputTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Build_RangeQueriesWithGapsErrorsAndGarbage_StartsWithTheValidPointsAndSaysWhatWasMissing()
    {
        await using var server = await FakeHttpServer.StartAsync(AnswerAsync);
        using var config = LiveConfig.Write(server.Url, new Uri("http://127.0.0.1:9/admin"), new Uri("http://127.0.0.1:9/admin"),
            intervalSeconds: 30, window: "5m");
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { [LiveConfig.TokenEnv] = "t" });
        var settings = SettingsLoader.Load(env, config.ConfigDir, "dev");
        Assert.True(settings.IsValid, string.Join("\n", settings.Errors));
        var lines = new List<string>();

        var build = await LiveLoop.BuildAsync(settings.Settings!, env, new LiveLoopOptions(config.StateDir, TimeProvider.System)
        {
            LoopTime = new FakeTimeProvider(Now),
            Backfill = true,
            PrometheusRetries = 0,
            StartLog = new LineProgress(lines.Add),
        }, CancellationToken.None);

        await using var live = build.Loop ?? throw new InvalidOperationException(string.Join("\n", build.Errors));
        var notes = string.Join("\n", LiveLoopDriver.ReadLedger(live.LedgerPath).Single(e => e.Kind == LedgerKinds.ConfigLoaded)
            .Data.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        // Every 10th grid point of 24 h at 30 s has an rps (289 points); every 100th is NaN (29) and three are +Inf: 257 are valid.
        Assert.Contains("backfill: checkout: 257 point(s) added", notes, StringComparison.Ordinal);
        Assert.Contains("gap(s) left", notes, StringComparison.Ordinal);
        Assert.Contains("backfill problem: p95_ms: ", notes, StringComparison.Ordinal);
        Assert.Contains("backfill problem: error_rate: ", notes, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", notes, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("backfill: 2/2 chunk(s)", StringComparison.Ordinal));
        // Canary track only, one query per SLI template for the last 4 h, and rps alone for the 20 h before.
        Assert.Equal(4, server.Requests);

        // The saved history holds the valid points only: p95 and errors unknown (null), never 0.
        var saved = await File.ReadAllTextAsync(Path.Combine(config.StateDir, "history", "canary.json"));
        Assert.DoesNotContain("\"p95_ms\":[0", saved, StringComparison.Ordinal);
        Assert.Contains("\"p95_ms\":[null", saved, StringComparison.Ordinal);
    }

    private static async Task AnswerAsync(HttpContext ctx, int request, CancellationToken stopping)
    {
        var form = await ctx.Request.ReadFormAsync(stopping);
        var query = form["query"].ToString();
        if (query.Contains("histogram_quantile", StringComparison.Ordinal))
        {
            ctx.Response.ContentType = "text/html";
            await ctx.Response.WriteAsync("<html><body>502 Bad Gateway</body></html>", stopping);
            return;
        }

        if (query.Contains("errors_total", StringComparison.Ordinal))
        {
            ctx.Response.StatusCode = 500;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("""{"status":"error","errorType":"internal","error":"out of memory"}""", stopping);
            return;
        }

        var start = double.Parse(form["start"].ToString(), CultureInfo.InvariantCulture);
        var end = double.Parse(form["end"].ToString(), CultureInfo.InvariantCulture);
        var step = double.Parse(form["step"].ToString(), CultureInfo.InvariantCulture);
        var values = new StringBuilder();
        for (var t = start; t <= end + 1e-6; t += step)
        {
            // The pattern follows absolute time, so it does not depend on how the range is cut into chunks.
            var k = (long)Math.Round(t / 30);
            if (k % 10 != 0)
            {
                continue;
            }

            var value = k % 100 == 0 ? "NaN" : k % 1000 == 50 ? "+Inf" : (20 + (k % 7)).ToString(CultureInfo.InvariantCulture);
            values.Append(values.Length == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"[{t:0.###},\"{value}\"]");
        }

        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(
            """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"service":"checkout","track":"canary"},"values":["""
            + values + "]}]}}",
            stopping);
    }
}
