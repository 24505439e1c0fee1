using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lumen.Cli.Bench.Loop;

/// <summary>
/// The knob targets of the live loop benchmark: one HTTP server on loopback (a free port) answering
/// every service's and track's admin endpoint, <c>GET /{service}/{track}/admin/config</c>, with its
/// knob values, and counting the requests per target, so the benchmark can say how many reads a
/// tick made of each target.
/// </summary>
internal sealed class LiveBenchTargets : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    private LiveBenchTargets(WebApplication app) => _app = app;

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1");

    public static async Task<LiveBenchTargets> StartAsync(string body, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var targets = new LiveBenchTargets(app);
        app.MapGet("/{service}/{track}/admin/config", (string service, string track) =>
        {
            targets._reads.AddOrUpdate($"{service}/{track}", 1, (_, n) => n + 1);
            return Results.Text(body, "application/json");
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        targets.BaseUrl = new Uri(address);
        return targets;
    }

    public Uri Url(string service, string track) => new(BaseUrl, $"/{service}/{track}/admin/config");

    /// <summary>Requests since the last call, and how many targets they went to (then starts counting again).</summary>
    public (int Requests, int Targets, int MaxPerTarget) TakeCounts()
    {
        var snapshot = _reads.ToArray();
        _reads.Clear();
        return (snapshot.Sum(kv => kv.Value), snapshot.Length, snapshot.Length == 0 ? 0 : snapshot.Max(kv => kv.Value));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
