using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using Lumen.Cli;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Integration.Tests.TestKit;
using Microsoft.Playwright;
using Spectre.Console.Testing;

namespace Lumen.Integration.Tests.Live;

/// <summary>
/// The live journey an SRE follows, end to end: real demo-service instances and a real Prometheus,
/// <c>lumen run</c> as a child process serving the web console on loopback, a live
/// <c>lumen canary check</c> that passes, <c>lumen canary promote</c> asking for approval, the approval
/// given in the console in a real headless Chromium (Debian's <c>chromium</c>), the promotion applied to
/// the baseline (read back through its admin endpoint), and <c>lumen ledger verify</c>.
/// The loop runs in shadow mode (<c>DRY_RUN=1</c>) so it never moves the knob the promotion copies;
/// the stage itself acts (<c>dry_run: false</c>) and requires approval.
/// </summary>
public sealed class LiveJourneyTests(LiveFixture live, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<LiveFixture>
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ConsoleToken = "journey-console-token-5d2e8a17c4b9f036";
    private const string Approver = "ada";
    private const string Requester = "sre";
    private const string Knob = "concurrency_limit";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Journey_CheckPassesApprovedInConsolePromotedToBaselineLedgerVerifies()
    {
        Assert.True(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM needs a Unix");
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/ensure-test-deps.sh (apt-get install chromium)");
        // The demo service's errors and slow requests often come in clusters (a busy worker pool), and
        // then the cluster-robust judge needs many minutes to vouch for the absolute gates
        // (docs/canary-statistics.md). This journey is about check → approval → promotion, not the
        // judge's power: its policy asserts independent events and its SLO leaves a wide margin.
        using var config = LiveConfig.Write(live.Prometheus.Url, live.Canary.AdminUrl, live.Baseline.AdminUrl, errorRateSlo: 0.5);
        var policyFile = Path.Combine(config.ConfigDir, "canary_policy.yaml");
        File.WriteAllText(policyFile, File.ReadAllText(policyFile).Replace("    watch_minutes: 5\n", "    watch_minutes: 5\n    independent_events: true\n", StringComparison.Ordinal));
        var stageFile = Path.Combine(config.ConfigDir, "stage_matrix.yaml");
        await File.WriteAllTextAsync(stageFile, (await File.ReadAllTextAsync(stageFile)).Replace("approval_required: false", "approval_required: true", StringComparison.Ordinal));

        // The canary runs a different configuration: that is what the promotion must copy. Fewer
        // concurrent slots means less contention in the demo's model, so the canary is faster and passes.
        // Both tracks time out at 250 model-ms (not a promoted knob): about 1-2 % of the requests fail,
        // enough errors for the relative error gate to decide within a minute (the demo's 0.1 % base
        // error rate alone would need many minutes of traffic).
        await SetKnobAsync(live.Baseline.AdminUrl, "timeout_ms", 250);
        await SetKnobAsync(live.Canary.AdminUrl, "timeout_ms", 250);
        var baselineBefore = await KnobAsync(live.Baseline.AdminUrl);
        var canaryValue = baselineBefore - 16;
        await SetKnobAsync(live.Canary.AdminUrl, Knob, canaryValue);
        Assert.Equal(canaryValue, await KnobAsync(live.Canary.AdminUrl));

        await using var load = new BackgroundLoad([live.Baseline.Url, live.Canary.Url]);
        var port = LoopbackPort.Unbound();
        using var run = LumenProcess.Start(new Dictionary<string, string>
        {
            [LiveConfig.TokenEnv] = LiveFixture.AdminToken,
            ["LUMEN_CONFIG_DIR"] = config.ConfigDir,
            ["LUMEN_STATE_DIR"] = config.StateDir,
            ["DRY_RUN"] = "1",
            ["LUMEN_CONSOLE_TOKEN"] = ConsoleToken,
            ["LUMEN_APPROVERS"] = Approver,
        }, "run", "--stage", "dev", "--port", port.ToString(CultureInfo.InvariantCulture));
        var root = new Uri($"http://127.0.0.1:{port}/");
        await Poll.UntilAsync(async () =>
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
        }, status => status == 200, "lumen run /readyz", attempts: 300, delayMs: 100);
        await Poll.UntilAsync(
            () => live.Prometheus.QueryAsync(live.Http, "count_over_time((sum by (track) (rate(http_requests_received_total{service=\"checkout\"}[3s])) > 0)[60s:1s])"),
            d => d.Series.Length == 2 && d.Series.All(s => s.Samples is [{ Value: >= 58 }]),
            "60 s of traffic on both tracks", attempts: 900, delayMs: 100);
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            [LiveConfig.TokenEnv] = LiveFixture.AdminToken,
            ["LUMEN_STATE_DIR"] = config.StateDir,
            ["LUMEN_PROMETHEUS_URL"] = live.Prometheus.Url.AbsoluteUri,
            ["DRY_RUN"] = "0",
            ["USER"] = Requester,
        });

        // 1. The live check, beside the running loop's ledger writer, passes.
        var (checkExit, checkOut) = Lumen(env, "canary", "check", "--stage", "dev", "--since", "60s", "--step", "5s", "--config-dir", config.ConfigDir);
        Assert.True(checkExit == ExitCodes.Ok, $"check exit {checkExit}: {checkOut}");

        // 2. Promote asks for approval and changes nothing yet.
        var (askExit, askOut) = Lumen(env, "canary", "promote", "--stage", "dev", "--watch", "0s", "--config-dir", config.ConfigDir);
        Assert.True(askExit == ExitCodes.WaitingForApproval, $"promote exit {askExit}: {askOut}");
        Assert.Equal(baselineBefore, await KnobAsync(live.Baseline.AdminUrl));
        var ledger = Path.Combine(config.StateDir, "proof_ledger.jsonl");
        var requested = Assert.Single(LiveLoopDriver.ReadLedger(ledger), e => e.Kind == LedgerKinds.ApprovalRequested);
        var requestId = requested.Data.GetProperty("request_id").GetString()!;

        // 3. The approval, in the console served by lumen run, in a real browser.
        await ApproveInConsoleAsync(root, requestId);

        // 4. Promote again: approved, applied to the baseline, read back.
        var (promoteExit, promoteOut) = Lumen(env, "canary", "promote", "--stage", "dev", "--watch", "0s", "--config-dir", config.ConfigDir);
        Assert.True(promoteExit == ExitCodes.Ok, $"promote exit {promoteExit}: {promoteOut}");
        Assert.Equal(canaryValue, await KnobAsync(live.Baseline.AdminUrl));

        // 5. The ledger tells the story and verifies, before and after the loop stops.
        var entries = LiveLoopDriver.ReadLedger(ledger);
        var decision = Assert.Single(entries, e => e.Kind == LedgerKinds.CanaryDecision);
        Assert.Equal("pass", decision.Data.GetProperty("decision").GetString());
        var granted = Assert.Single(entries, e => e.Kind == LedgerKinds.ApprovalGranted);
        Assert.Equal(Approver, granted.Actor);
        Assert.Equal("console", granted.Data.GetProperty("channel").GetString());
        Assert.Equal(requestId, granted.Data.GetProperty("request_id").GetString());
        var applied = Assert.Single(entries, e => e.Kind == LedgerKinds.PromotionApplied);
        Assert.Equal(requestId, applied.Data.GetProperty("approval_id").GetString());
        Assert.True(decision.Seq < requested.Seq && requested.Seq < granted.Seq && granted.Seq < applied.Seq,
            $"decision → requested → granted → applied, got seq {decision.Seq}, {requested.Seq}, {granted.Seq}, {applied.Seq}");
        var (verifyExit, verifyOut) = Lumen(env, "ledger", "verify");
        Assert.True(verifyExit == ExitCodes.Ok, $"verify exit {verifyExit}: {verifyOut}");

        Assert.Equal(0, Kill(run.Id, 15));
        Assert.Equal(0, await run.WaitAsync(Limit));
        var (finalExit, finalOut) = Lumen(env, "ledger", "verify");
        Assert.True(finalExit == ExitCodes.Ok, $"verify after stop exit {finalExit}: {finalOut}");
    }

    private async Task ApproveInConsoleAsync(Uri root, string requestId)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(root, "console").ToString());
        await page.GetByLabel("Your name (recorded as the approver)").FillAsync(Approver);
        await page.GetByLabel("Console token").FillAsync(ConsoleToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var row = await page.Locator($"#req-{requestId}").InnerTextAsync();
        output.WriteLine(row);
        Assert.Contains($"{Knob} on baseline", row, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Approve {requestId}" }).ClickAsync();
        var status = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        Assert.Contains($"{requestId}: your decision is recorded in the ledger.", status, StringComparison.Ordinal);
    }

    private (int Exit, string Output) Lumen(DictionaryEnvironmentVariables env, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 300;
        var exit = LumenApp.Run(args, console, env);
        output.WriteLine($"$ lumen {string.Join(' ', args)} → {exit}\n{console.Output}");
        return (exit, console.Output);
    }

    private Task<double> KnobAsync(Uri admin) => AdminClient.KnobAsync(live.Http, admin, LiveFixture.AdminToken, Knob);

    private async Task SetKnobAsync(Uri admin, string knob, double value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, admin)
        {
            Content = new StringContent($"{{\"{knob}\": {value.ToString(CultureInfo.InvariantCulture)}}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LiveFixture.AdminToken);
        using var response = await live.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
