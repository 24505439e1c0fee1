using Lumen.Cli;
using Lumen.Cli.Health;
using Lumen.Core.Policy;
using Lumen.Integration.Tests.TestKit;
using Spectre.Console.Testing;

namespace Lumen.Integration.Tests.Live;

/// <summary><c>lumen health</c> against the real Prometheus and demo services, and against a Prometheus that is down.</summary>
public sealed class HealthTests(LiveFixture live) : IClassFixture<LiveFixture>
{
    private static DictionaryEnvironmentVariables Env(LiveConfig config) => new(new Dictionary<string, string>
    {
        [LiveConfig.TokenEnv] = LiveFixture.AdminToken,
        ["LUMEN_STATE_DIR"] = config.StateDir,
    });

    [Fact]
    public async Task Health_RealPrometheusWithTraffic_ConfigPrometheusAndEverySliOk()
    {
        await using var load = new BackgroundLoad([live.Baseline.Url, live.Canary.Url]);
        using var config = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl);
        await Poll.UntilAsync(
            () => live.Prometheus.QueryAsync(live.Http, "sum by (track) (rate(http_requests_received_total{service=\"checkout\"}[1m]))"),
            d => d.Series.Length == 2 && d.Series.All(s => s.Samples is [{ Value: > 0 }]),
            "traffic on both tracks");

        var checks = await HealthChecks.RunAsync(Env(config), config.ConfigDir, "dev", null, TimeProvider.System, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(HealthStatus.Ok, checks.Single(c => c.Name == "config").Status);
        Assert.Equal(HealthStatus.Ok, checks.Single(c => c.Name == "prometheus").Status);
        var slis = checks.Where(c => c.Name.StartsWith("sli checkout/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, slis.Count);
        Assert.All(slis, c => Assert.True(c.Status == HealthStatus.Ok, $"{c.Name}: {c.Detail}"));
        Assert.Equal(HealthStatus.Warn, checks.Single(c => c.Name == "ledger").Status); // the loop has not run in this state dir
        Assert.Equal(HealthStatus.Ok, checks.Single(c => c.Name == "alertmanager").Status); // not configured
        Assert.DoesNotContain(checks, c => c.Status == HealthStatus.Fail);

        var console = new TestConsole();
        console.Profile.Width = 200;
        Assert.Equal(ExitCodes.Ok, LumenApp.Run(["health", "--stage", "dev", "--config-dir", config.ConfigDir], console, Env(config)));
        Assert.Contains("OK: no check failed", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Health_PrometheusAndAlertmanagerDown_FailRowsAndExitOne()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackPort.Unbound()}/");
        using var config = LiveConfig.Write(closed, live.Canary.AdminUrl, live.Baseline.AdminUrl, alertmanager: closed);
        var console = new TestConsole();
        console.Profile.Width = 200;

        var exit = LumenApp.Run(["health", "--stage", "dev", "--config-dir", config.ConfigDir, "--json", "--timeout", "2"], console, Env(config));

        Assert.Equal(ExitCodes.Failed, exit);
        using var json = System.Text.Json.JsonDocument.Parse(console.Output);
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        var rows = json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("OK", rows["config"]);
        Assert.Equal("FAIL", rows["prometheus"]);
        Assert.Equal("FAIL", rows["alertmanager"]);
    }

    [Fact]
    public void Health_InvalidConfig_ConfigFailsAndExitOne()
    {
        using var config = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl);
        File.AppendAllText(Path.Combine(config.ConfigDir, "stage_matrix.yaml"), "unknown_key: 1\n");
        var console = new TestConsole();

        Assert.Equal(ExitCodes.Failed, LumenApp.Run(["health", "--stage", "dev", "--config-dir", config.ConfigDir, "--json"], console, Env(config)));
        Assert.Contains("\"name\":\"config\",\"status\":\"FAIL\"", console.Output, StringComparison.Ordinal);
    }
}
