using Lumen.Cli;
using Lumen.Cli.Health;
using Lumen.Core.Policy;
using Lumen.Integration.Tests.TestKit;
using Spectre.Console.Testing;

namespace Lumen.Integration.Tests.Live;

/// <summary>
/// <c>lumen health</c> reading back the executors and diagnosing the SLI templates against the real
/// Prometheus and demo services; <c>lumen run --once</c>'s exit codes when a dependency fails.
/// </summary>
public sealed class HealthDiagnosisTests(LiveFixture live) : IClassFixture<LiveFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static DictionaryEnvironmentVariables Env(LiveConfig config, string token = LiveFixture.AdminToken) => new(new Dictionary<string, string>
    {
        [LiveConfig.TokenEnv] = token,
        ["LUMEN_STATE_DIR"] = config.StateDir,
    });

    private static void EditServices(LiveConfig config, string from, string to)
    {
        var path = Path.Combine(config.ConfigDir, "services.yaml");
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static Task<IReadOnlyList<HealthCheck>> HealthAsync(LiveConfig config, DictionaryEnvironmentVariables env) =>
        HealthChecks.RunAsync(env, config.ConfigDir, "dev", null, TimeProvider.System, TimeSpan.FromSeconds(5), CancellationToken.None);

    [Fact]
    public async Task Health_Executors_ReadBackEveryKnobOnBothTracks()
    {
        using var config = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl);

        var checks = await HealthAsync(config, Env(config));

        foreach (var track in new[] { "canary", "baseline" })
        {
            var row = checks.Single(c => c.Name == $"executor checkout/{track}");
            Assert.True(row.Status == HealthStatus.Ok, row.Detail);
            Assert.Contains("concurrency_limit ", row.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Health_WrongToken_ExecutorFailsAsAuthRejectedAndExitOne()
    {
        using var config = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl);

        var checks = await HealthAsync(config, Env(config, "not-the-token"));

        var row = checks.Single(c => c.Name == "executor checkout/canary");
        Assert.Equal(HealthStatus.Fail, row.Status);
        Assert.Contains("auth rejected", row.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token", row.Detail, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, LumenApp.Run(["health", "--stage", "dev", "--config-dir", config.ConfigDir, "--json"], new TestConsole(), Env(config, "not-the-token")));
    }

    [Fact]
    public async Task Health_MissingKnobAndClosedPort_ExecutorFailsNamingEach()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackPort.Unbound()}/admin/config");
        using var config = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, closed);
        EditServices(config, "name: concurrency_limit", "name: no_such_knob");
        var rules = Path.Combine(config.ConfigDir, "feedback_rules.yaml");
        File.WriteAllText(rules, File.ReadAllText(rules).Replace("knob: concurrency_limit", "knob: no_such_knob", StringComparison.Ordinal));

        var checks = await HealthAsync(config, Env(config));

        var canary = checks.Single(c => c.Name == "executor checkout/canary");
        Assert.Equal(HealthStatus.Fail, canary.Status);
        Assert.Contains("no knob no_such_knob", canary.Detail, StringComparison.Ordinal);
        var baseline = checks.Single(c => c.Name == "executor checkout/baseline");
        Assert.Equal(HealthStatus.Fail, baseline.Status);
        Assert.Contains(closed.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), baseline.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_TemplateSyntaxError_FailsThatTemplateOnlyWithPrometheusMessage()
    {
        using var config = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl);
        EditServices(config, "sum by (service, track) (rate(http_requests_received_total", "sum by (service, track) (rate(((http_requests_received_total");

        var checks = await HealthAsync(config, Env(config));

        var rps = checks.Single(c => c.Name == "sli checkout/rps");
        Assert.Equal(HealthStatus.Fail, rps.Status);
        Assert.Contains("does not parse", rps.Detail, StringComparison.Ordinal);
        Assert.Contains("bad_data", rps.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("does not parse", checks.Single(c => c.Name == "sli checkout/p95_ms").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_MisspelledMetric_FailsAsMetricNeverSeen()
    {
        using var config = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl);
        EditServices(config, "rate(http_request_duration_seconds_bucket{", "rate(http_request_duration_secs_bucket{");

        var checks = await HealthAsync(config, Env(config));

        var p95 = checks.Single(c => c.Name == "sli checkout/p95_ms");
        Assert.Equal(HealthStatus.Fail, p95.Status);
        Assert.Contains("metric never seen: no series of http_request_duration_secs_bucket", p95.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_PrometheusDown_ExitsSix()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackPort.Unbound()}/");
        using var config = LiveConfig.Write(closed, live.Canary.AdminUrl, live.Baseline.AdminUrl);
        using var run = LumenProcess.Start(ProcessEnv(config), "run", "--stage", "dev", "--once");

        Assert.Equal(ExitCodes.SliSourceFailed, await run.WaitAsync(Limit));
        Assert.Contains("the SLI backend failed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_CanaryExecutorDown_ExitsSeven()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackPort.Unbound()}/admin/config");
        using var config = LiveConfig.Write(live.Prometheus.Url, closed, live.Baseline.AdminUrl);
        using var run = LumenProcess.Start(ProcessEnv(config), "run", "--stage", "dev", "--once");

        Assert.Equal(ExitCodes.ExecutorFailed, await run.WaitAsync(Limit));
        Assert.Contains("an executor failed", run.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ProcessEnv(LiveConfig config) => new()
    {
        [LiveConfig.TokenEnv] = LiveFixture.AdminToken,
        ["LUMEN_CONFIG_DIR"] = config.ConfigDir,
        ["LUMEN_STATE_DIR"] = config.StateDir,
        ["DRY_RUN"] = "1",
    };
}
