using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lumen.Integration.Tests.TestKit;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, port chosen by the OS) that answers every request with
/// the handler's response: a fake Prometheus or Loki that can misbehave on purpose. Records the
/// requests' form/query values. Stalled handlers are released on dispose.
/// </summary>
internal sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private int _requests;

    private FakeHttpServer(WebApplication app)
    {
        _app = app;
    }

    public Uri Url { get; private set; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    public List<IReadOnlyDictionary<string, string>> Received { get; } = [];

    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Starts a server whose handler gets the request number (1-based) and writes the answer.</summary>
    public static async Task<FakeHttpServer> StartAsync(Func<HttpContext, int, CancellationToken, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeHttpServer(app);
        app.Run(async ctx =>
        {
            var n = Interlocked.Increment(ref server._requests);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var q in ctx.Request.Query)
            {
                values[q.Key] = q.Value.ToString();
            }

            if (ctx.Request.HasFormContentType)
            {
                foreach (var f in await ctx.Request.ReadFormAsync())
                {
                    values[f.Key] = f.Value.ToString();
                }
            }

            values["$path"] = ctx.Request.Path;
            values["$authorization"] = ctx.Request.Headers.Authorization.ToString();
            lock (server.Received)
            {
                server.Received.Add(values);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, server._stopping.Token);
            await handler(ctx, n, linked.Token);
        });
        await app.StartAsync();
        server.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
        return server;
    }

    /// <summary>A handler that always writes <paramref name="body"/> with <paramref name="status"/>.</summary>
    public static Func<HttpContext, int, CancellationToken, Task> Always(string body, int status = 200, string contentType = "application/json") =>
        async (ctx, _, ct) =>
        {
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = contentType;
            await ctx.Response.WriteAsync(body, ct);
        };

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
