using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lumen.Soak;

/// <summary>
/// A fault-injecting HTTP proxy on loopback: every request is forwarded to <c>upstream</c> (same path,
/// query, method, headers and body) unless <see cref="Mode"/> says otherwise. Keeps the PUTs it
/// forwarded that the upstream accepted, so the soak can count what reached the target.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private static readonly string[] Garbage =
    [
        "<html><body>502 Bad Gateway</body></html>",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"NaN\"]}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":\"nope\"}}",
        "\u0000\u0001\u0002garbage\u00ff",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"track\":\"canary\"},\"value\":[1,\"-1e308\"]}]}}",
    ];

    private readonly WebApplication _app;
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Uri _upstream;
    private readonly List<ForwardedWrite> _writes = [];
    private readonly Random _random;
    private readonly TimeProvider _time;
    private volatile FaultMode _mode = FaultMode.Pass;
    private CancellationTokenSource _faultEnded = new();
    private long _faulted;

    private FaultProxy(WebApplication app, Uri upstream, int seed, TimeProvider time)
    {
        _app = app;
        _upstream = upstream;
        _random = new Random(seed);
        _time = time;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Requests answered by a fault (stalled, 503 or garbage) so far.</summary>
    public long Faulted => Interlocked.Read(ref _faulted);

    public FaultMode Mode
    {
        get => _mode;
        set
        {
            var ended = _faultEnded;
            if (value == FaultMode.Pass)
            {
                _faultEnded = new CancellationTokenSource();
                ended.Cancel(); // releases stalled requests
                ended.Dispose();
            }

            _mode = value;
        }
    }

    public IReadOnlyList<ForwardedWrite> Writes
    {
        get
        {
            lock (_writes)
            {
                return [.. _writes];
            }
        }
    }

    public static async Task<FaultProxy> StartAsync(Uri upstream, int seed, TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new FaultProxy(app, upstream, seed, time);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        proxy.Url = new Uri(address + "/");
        return proxy;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        switch (_mode)
        {
            case FaultMode.ServerError:
                Interlocked.Increment(ref _faulted);
                ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await ctx.Response.WriteAsync("injected fault: service unavailable\n");
                return;
            case FaultMode.Garbage:
                Interlocked.Increment(ref _faulted);
                string body;
                lock (_random)
                {
                    body = Garbage[_random.Next(Garbage.Length)];
                }

                ctx.Response.StatusCode = StatusCodes.Status200OK;
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync(body);
                return;
            case FaultMode.Stall:
                Interlocked.Increment(ref _faulted);
                using (var either = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _faultEnded.Token))
                {
                    try
                    {
                        await Task.Delay(Timeout.InfiniteTimeSpan, either.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // The fault ended, or the caller gave up.
                    }
                }

                if (ctx.RequestAborted.IsCancellationRequested)
                {
                    return; // never forwarded: the caller is gone
                }

                break;
            default:
                break;
        }

        await ForwardAsync(ctx);
    }

    private async Task ForwardAsync(HttpContext ctx)
    {
        var target = new Uri(_upstream, ctx.Request.Path.Value!.TrimStart('/') + ctx.Request.QueryString.Value);
        using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), target);
        byte[] body = [];
        if (ctx.Request.ContentLength > 0 || ctx.Request.Headers.TransferEncoding.Count > 0)
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
            body = buffer.ToArray();
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in ctx.Request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values!))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values!);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ctx.RequestAborted);
        }
        catch (HttpRequestException)
        {
            ctx.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using (response)
        {
            if (request.Method == HttpMethod.Put && response.IsSuccessStatusCode)
            {
                lock (_writes)
                {
                    _writes.Add(new ForwardedWrite(_time.GetUtcNow(), ctx.Request.Path.Value!, Encoding.UTF8.GetString(body)));
                }
            }

            ctx.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Content.Headers)
            {
                ctx.Response.Headers[name] = values.ToArray();
            }

            ctx.Response.Headers.Remove("Content-Length");
            var bytes = await response.Content.ReadAsByteArrayAsync(ctx.RequestAborted);
            if (response.StatusCode != HttpStatusCode.NoContent)
            {
                await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Mode = FaultMode.Pass;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
        _faultEnded.Dispose();
    }
}
