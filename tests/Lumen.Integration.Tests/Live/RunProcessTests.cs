using System.Globalization;
using System.Runtime.InteropServices;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Lumen.Integration.Tests.TestKit;

namespace Lumen.Integration.Tests.Live;

/// <summary><c>lumen run</c> as a real child process against the real Prometheus and demo services.</summary>
public sealed class RunProcessTests(LiveFixture live) : IClassFixture<LiveFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private Dictionary<string, string> Env(LiveConfig config) => new()
    {
        [LiveConfig.TokenEnv] = LiveFixture.AdminToken,
        ["LUMEN_CONFIG_DIR"] = config.ConfigDir,
        ["LUMEN_STATE_DIR"] = config.StateDir,
        ["DRY_RUN"] = "1",
    };

    [Fact]
    public async Task RunOnce_RealPrometheus_ExitsZeroWithVerifyingLedgerAndTextfile()
    {
        using var config = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl);
        using var run = LumenProcess.Start(Env(config), "run", "--stage", "dev", "--once");

        Assert.Equal(0, await run.WaitAsync(Limit));
        var ledger = Path.Combine(config.StateDir, "proof_ledger.jsonl");
        Assert.True(LedgerFileVerifier.Verify(ledger, null, null).IsValid, run.Output);
        var entries = LiveLoopDriver.ReadLedger(ledger);
        Assert.Contains(entries, e => e.Kind == LedgerKinds.ConfigLoaded);
        var tick = Assert.Single(entries, e => e.Kind == LedgerKinds.Tick);
        Assert.Equal(1, tick.Data.GetProperty("tick").GetInt64());
        var prom = await File.ReadAllTextAsync(Path.Combine(config.StateDir, "lumen.prom"));
        Assert.Contains("lumen_ledger_head_seq ", prom, StringComparison.Ordinal);
        Assert.Contains("lumen_sli_reading_ok{stage=\"dev\",service=\"checkout\",track=\"canary\",sli=\"p95_ms\"}", prom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LongRunning_ServesEndpointsAndStopsCleanlyOnSigterm()
    {
        Assert.True(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM needs a Unix");
        using var config = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl);
        var port = LoopbackPort.Unbound();
        using var run = LumenProcess.Start(Env(config), "run", "--stage", "dev", "--port", port.ToString(CultureInfo.InvariantCulture));
        var root = new Uri($"http://127.0.0.1:{port}/");

        var ready = await Poll.UntilAsync(async () =>
        {
            Assert.False(run.HasExited, run.Output);
            try
            {
                using var r = await live.Http.GetAsync(new Uri(root, "readyz"));
                return (int)r.StatusCode;
            }
            catch (HttpRequestException)
            {
                return 0;
            }
        }, status => status == 200, "lumen run /readyz", attempts: 200, delayMs: 100);
        Assert.Equal(200, ready);
        Assert.Equal("ok\n", await live.Http.GetStringAsync(new Uri(root, "healthz")));
        using var metrics = await live.Http.GetAsync(new Uri(root, "metrics"));
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType?.ToString());
        Assert.Contains("lumen_loop_last_success_timestamp_seconds ", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(0, Kill(run.Id, 15));
        Assert.Equal(0, await run.WaitAsync(Limit));
        var ledger = Path.Combine(config.StateDir, "proof_ledger.jsonl");
        var head = FileLedgerStoreOptions.DefaultHeadPath(ledger);
        Assert.True(LedgerHeadFile.TryRead(head, out var checkpoint, out var error), error);
        var verify = LedgerFileVerifier.Verify(ledger, checkpoint, null);
        Assert.True(verify.IsValid, verify.Failure?.Reason);
        Assert.Equal(verify.Last.Seq, checkpoint!.Seq);
        Assert.Contains("Stopped after tick", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithConsoleAndSlackSecrets_ServesTheConsoleAndRefusesForgedSlackPosts()
    {
        Assert.True(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM needs a Unix");
        using var config = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl);
        var env = Env(config);
        env["LUMEN_CONSOLE_TOKEN"] = "console-token-for-test-9a4c7e21b06d";
        env["LUMEN_SLACK_SIGNING_SECRET"] = "signing-secret-for-test";
        var port = LoopbackPort.Unbound();
        using var run = LumenProcess.Start(env, "run", "--stage", "dev", "--port", port.ToString(CultureInfo.InvariantCulture));
        var root = new Uri($"http://127.0.0.1:{port}/");

        var console = await Poll.UntilAsync(async () =>
        {
            Assert.False(run.HasExited, run.Output);
            try
            {
                using var r = await live.Http.GetAsync(new Uri(root, "console"));
                return (int)r.StatusCode;
            }
            catch (HttpRequestException)
            {
                return 0;
            }
        }, status => status != 0, "lumen run /console", attempts: 200, delayMs: 100);
        Assert.Equal(200, console);
        var page = await live.Http.GetStringAsync(new Uri(root, "console"));
        Assert.Contains("<form", page, StringComparison.Ordinal);
        Assert.DoesNotContain("console-token-for-test-9a4c7e21b06d", page, StringComparison.Ordinal);

        using var forged = new HttpRequestMessage(HttpMethod.Post, new Uri(root, "slack/interactions"))
        {
            Content = new StringContent("payload=%7B%7D", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        forged.Headers.Add("X-Slack-Request-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        forged.Headers.Add("X-Slack-Signature", "v0=" + new string('0', 64));
        using var answer = await live.Http.SendAsync(forged);
        Assert.Equal(401, (int)answer.StatusCode);

        Assert.Equal(0, Kill(run.Id, 15));
        Assert.Equal(0, await run.WaitAsync(Limit));
        Assert.Contains("Web console on /console", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("console-token-for-test-9a4c7e21b06d", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("signing-secret-for-test", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ConsoleTokenSetTwice_Exits2BeforeStarting()
    {
        using var config = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl);
        var tokenFile = Path.Combine(config.StateDir, "..", "console-token");
        await File.WriteAllTextAsync(tokenFile, "from-file");
        var env = Env(config);
        env["LUMEN_CONSOLE_TOKEN"] = "from-env";
        env["LUMEN_CONSOLE_TOKEN_FILE"] = tokenFile;

        using var run = LumenProcess.Start(env, "run", "--stage", "dev", "--once");

        Assert.Equal(2, await run.WaitAsync(Limit));
        Assert.Contains("LUMEN_CONSOLE_TOKEN", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(config.StateDir, "proof_ledger.jsonl")), "nothing may be written");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
