using System.Collections.Immutable;
using System.Text;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Approvals;
using Lumen.Core.Ledger;
using Lumen.Runtime.Approvals;
using Lumen.Web.Console;
using Lumen.Web.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Web.Tests.TestKit;

/// <summary>
/// A real Kestrel on 127.0.0.1 (random port) with the console and the Slack endpoint mapped, a real
/// file ledger in a temp dir, and a fake clock for the approval rules and the signature window.
/// </summary>
internal sealed class WebHost : IAsyncDisposable
{
    public const string Token = "8c1f0e3a9b7d4e6f2a5c8b1d0e9f7a3c";
    public static readonly byte[] SigningSecret = Encoding.UTF8.GetBytes("8f742231b10e8888abcd99yyyzzz85a5");
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();
    private WebApplication? _app;

    public FakeTimeProvider Time { get; } = new(Start);

    public CapturingLoggerProvider Logs { get; } = new();

    public FileLedgerStore Ledger { get; private set; } = null!;

    public ApprovalService Approvals { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string Directory => _dir.Path;

    public static async Task<WebHost> StartAsync(string approvers = "", string slackUsers = "U0ALLOWED", Func<Lumen.Core.Coordination.Holdings?>? fleet = null)
    {
        var host = new WebHost();
        host.Ledger = await FileLedgerStore.OpenAsync(FileLedgerStoreOptions.InStateDirectory(host._dir.Path), TimeProvider.System);
        host.Approvals = new ApprovalService(host.Ledger, host.Time);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(host.Logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddLumenSlack();
        host._app = builder.Build();
        host._app.MapLumenConsole(new ConsoleOptions(Token, ApproverAllowlist.Parse(approvers, ApproverAllowlist.Anyone), ["checkout", "search"],
            host._dir.Path + "/canary_report.json", "prod") { FleetStatus = fleet }, host.Approvals,
            host._app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("console"));
        host._app.MapSlackInteractions(new SlackEndpointOptions(SigningSecret, ApproverAllowlist.Parse(slackUsers, ApproverAllowlist.Nobody), TimeSpan.FromSeconds(2)),
            host.Approvals, host._app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("slack"));
        await host._app.StartAsync();
        host.BaseAddress = new Uri(host._app.Urls.First());
        return host;
    }

    /// <summary>Writes a pending request for checkout (concurrency 32 → 40 on the baseline) and returns it.</summary>
    public async Task<ApprovalRequest> RequestAsync(string report = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
    {
        var (record, _, _) = await Approvals.RequestAsync("prod", "checkout", [new PlannedChange("concurrency_limit", "baseline", 32, 40)],
            report, TimeSpan.FromMinutes(30), "lumen", [], CancellationToken.None);
        return record.Request;
    }

    public async Task<ImmutableArray<LedgerEntry>> EntriesAsync(string kind)
    {
        var list = new List<LedgerEntry>();
        await foreach (var e in Ledger.ReadAsync())
        {
            if (e.Kind == kind)
            {
                list.Add(e);
            }
        }

        return [.. list];
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Ledger.DisposeAsync();
        _dir.Dispose();
    }
}
