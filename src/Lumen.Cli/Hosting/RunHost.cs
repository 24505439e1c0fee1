using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Lumen.Runtime.Approvals;
using Lumen.Adapters.Prometheus;
using Lumen.Web.Console;
using Lumen.Web.Rollouts;
using Lumen.Web.Slack;

namespace Lumen.Cli.Hosting;

/// <summary>
/// <c>lumen run</c> as a long-running process: the generic host (ASP.NET Core's slim builder) with the
/// <see cref="TickRunner"/> and three endpoints on a loopback port (docs/live.md, "Endpoints"):
/// <c>/metrics</c> (the same text as <c>lumen.prom</c>), <c>/healthz</c> (the process is alive) and
/// <c>/readyz</c> (ledger open and not faulted, last tick recent, no failing restore, every target lease held; with
/// <c>?require=mappers</c> also every service's mapper warmed up), and, when configured, the web console, Slack
/// interactions and the rollout endpoints for Flagger and Argo Rollouts (docs/rollout-tools.md). SIGTERM and Ctrl-C stop it gracefully.
/// </summary>
internal static class RunHost
{
    /// <summary>The default port: chosen away from Prometheus' (9090), Alertmanager's (9093), node_exporter's (9100)
    /// and the OpenTelemetry exporter's (9464).</summary>
    public const int DefaultPort = 9478;

    public const string ExpositionContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Where <c>lumen run</c> listens unless told otherwise (<c>--listen</c>, <c>$LUMEN_LISTEN_ADDRESS</c>).</summary>
    public const string DefaultListen = "127.0.0.1";

    /// <summary>Runs until stopped; returns the exit code (0 after a clean shutdown).</summary>
    /// <param name="listen">The address to bind: loopback by default; <c>0.0.0.0</c> in a container, so probes and scrapes reach it.</param>
    public static async Task<int> RunAsync(LiveLoop live, int port, ILoggerProvider? logs, CancellationToken cancellationToken, RunWebOptions? web = null,
        string listen = DefaultListen)
    {
        ArgumentNullException.ThrowIfNull(live);
        var builder = WebApplication.CreateSlimBuilder();
        var host = System.Net.IPAddress.TryParse(listen, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{listen}]" : listen;
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}"));
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }
        else
        {
            builder.Logging.AddLumenConsole();
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        var status = new LoopStatus(live.Stage.Policy.Interval, () => live.Ledger.IsFaulted, () => live.Loop.Readiness.Values,
            () => live.Loop.SafetyFaults);
        builder.Services.AddSingleton(live);
        builder.Services.AddSingleton(status);
        builder.Services.AddSingleton<TickRunner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TickRunner>());
        if (web?.Slack is not null)
        {
            builder.Services.AddLumenSlack();
        }

        if (web?.Rollouts is { } rolloutOptions)
        {
            builder.Services.AddLumenRollouts(rolloutOptions.PermitsPerMinute);
        }

        await using var app = builder.Build();
        using var rolloutHttp = PrometheusHttp.CreateClient();
        if (web?.Rollouts is not null)
        {
            app.UseRateLimiter();
        }

        app.MapGet("/metrics", () => Results.Text(live.Metrics.Text, ExpositionContentType));
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (string? require) =>
        {
            var (ready, text) = status.Readiness(live.Time.GetUtcNow(), require == "mappers");
            return Results.Text(text, "text/plain; charset=utf-8", statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Lumen.Run");
        MapApprovals(app, live, web, logger, rolloutHttp);
        HostLog.Started(logger, live.Stage.Name, live.Stage.Policy.DryRun ? "shadow" : "acting", live.Stage.Policy.IntervalSeconds,
            HostLog.Url(live.Stage.Endpoints.Prometheus), live.StateDir);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var url in app.Urls)
        {
            HostLog.Listening(logger, url);
        }

        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        HostLog.Stopped(logger, live.Loop.NextTick - 1, live.Ledger.Head.Seq);
        return app.Services.GetRequiredService<TickRunner>().FailureExitCode ?? ExitCodes.Ok;
    }

    /// <summary>The web console and the Slack interactions endpoint, each only when its secret is set
    /// (docs/approvals.md). Both decide through one <see cref="ApprovalService"/> over the loop's ledger.</summary>
    private static void MapApprovals(WebApplication app, LiveLoop live, RunWebOptions? web, ILogger logger, HttpClient rolloutHttp)
    {
        if (web is null || (web.Console is null && web.Slack is null && web.Rollouts is null))
        {
            HostLog.ApprovalsOff(logger);
            return;
        }

        var approvals = new ApprovalService(live.Ledger, live.Time);
        if (web.Console is { } console)
        {
            app.MapLumenConsole(console with
            {
                MapperStatus = () => live.Loop.Readiness.ToDictionary(kv => kv.Key, kv => kv.Value.Describe(), StringComparer.Ordinal),
                FleetStatus = () => live.Loop.Holdings,
            }, approvals, logger);
            HostLog.ConsoleOn(logger, ConsoleOptions.PathBase);
        }

        if (web.Slack is { } slack)
        {
            app.MapSlackInteractions(slack, approvals, logger);
            HostLog.SlackOn(logger, SlackEndpointOptions.Path);
        }

        if (web.Rollouts is { } rollouts)
        {
            // The loop's stage (with its overrides), the loop's ledger and the same approval book as the console.
            app.MapLumenRollouts(rollouts with { Stage = live.Stage, StateDir = live.StateDir }, live.Ledger, approvals, rolloutHttp, logger);
            HostLog.RolloutsOn(logger, RolloutOptions.PathBase, rollouts.Services.Services.Count(s => s.Rollout is not null));
        }
    }
}
