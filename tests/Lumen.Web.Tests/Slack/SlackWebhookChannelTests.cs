using System.Text.Json;
using Lumen.Adapters.Slack;
using Lumen.Core.Approvals;
using Lumen.Runtime.Approvals;
using Lumen.Web.Slack;
using Lumen.Web.Tests.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lumen.Web.Tests.Slack;

public sealed class SlackWebhookChannelTests
{
    private static ApprovalRequest Request() =>
        new("apr-0123456789", "prod", "checkout", [new PlannedChange("concurrency_limit", "baseline", 32, 40)],
            new string('a', 64), WebHost.Start, WebHost.Start.AddMinutes(30), "lumen");

    private static ServiceProvider Services(CapturingLoggerProvider logs) =>
        new ServiceCollection()
            .AddLogging(b => b.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddLumenSlack()
            .AddHttpClient() // the default client keeps the factory's loggers: the control below uses it
            .BuildServiceProvider();

    [Fact]
    public async Task NotifyAsync_FakeWebhook_PostsBlockKitWithButtonsCarryingTheId()
    {
        using var receiver = new FakeWebhookReceiver("T000/B000/" + Guid.NewGuid().ToString("N"));
        using var client = new HttpClient();

        var result = await new SlackWebhookChannel(client, receiver.Url).NotifyAsync(Request(), CancellationToken.None);

        Assert.True(result.Ok, result.Reason);
        var (_, body) = Assert.Single(receiver.Received);
        using var json = JsonDocument.Parse(body);
        var actions = json.RootElement.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "actions");
        var ids = actions.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("action_id").GetString()!).ToArray();
        Assert.Equal(["lumen_approve:apr-0123456789", "lumen_reject:apr-0123456789"], ids);
        var changes = json.RootElement.GetProperty("blocks")[1].GetProperty("text").GetProperty("text").GetString();
        Assert.Contains("`concurrency_limit` on baseline: 32 → 40", changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_ThroughHostAndFactory_WebhookUrlNeverInLogsOrOutput()
    {
        var secret = "SECRETPATH" + Guid.NewGuid().ToString("N");
        using var receiver = new FakeWebhookReceiver("T000/B000/" + secret);
        var logs = new CapturingLoggerProvider();
        await using var host = await WebHost.StartAsync();
        var console = new StringWriter();
        var original = System.Console.Out;
        System.Console.SetOut(console);
        try
        {
            await using var services = Services(logs);
            var channel = services.GetRequiredService<IHttpClientFactory>().SlackChannel(receiver.Url);
            var sent = await host.Approvals.RequestAsync("prod", "checkout", [new PlannedChange("timeout_ms", "baseline", 1500, 1200)],
                new string('b', 64), TimeSpan.FromMinutes(30), "lumen", [channel], CancellationToken.None);
            var unreachable = await new SlackWebhookChannel(services.GetRequiredService<IHttpClientFactory>().CreateClient(SlackServiceCollectionExtensions.HttpClientName),
                new Uri("http://127.0.0.1:1/services/" + secret)).NotifyAsync(Request(), CancellationToken.None);

            Assert.Equal(["slack: sent"], sent.Notes.ToArray());
            Assert.False(unreachable.Ok);
            Assert.DoesNotContain(secret, unreachable.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, channel.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            System.Console.SetOut(original);
        }

        var ledger = await File.ReadAllTextAsync(Path.Combine(host.Directory, "proof_ledger.jsonl"));
        Assert.Single(receiver.Received);
        // DefaultFactoryClient_LogsTheUrl_SoTheCaptureWouldCatchALeak shows that this capture sees the factory's loggers.
        Assert.DoesNotContain(secret, logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, console.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, ledger, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultFactoryClient_LogsTheUrl_SoTheCaptureWouldCatchALeak()
    {
        var secret = "SECRETPATH" + Guid.NewGuid().ToString("N");
        using var receiver = new FakeWebhookReceiver("T000/B000/" + secret);
        var logs = new CapturingLoggerProvider();
        await using var services = Services(logs);

        await new SlackWebhookChannel(services.GetRequiredService<IHttpClientFactory>().CreateClient(), receiver.Url).NotifyAsync(Request(), CancellationToken.None);

        Assert.Contains(secret, logs.All, StringComparison.Ordinal);
    }
}
