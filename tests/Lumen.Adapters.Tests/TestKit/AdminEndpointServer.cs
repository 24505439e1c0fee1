using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Lumen.Adapters.Tests.TestKit;

/// <summary>
/// A real HTTP admin endpoint on 127.0.0.1 (HttpListener): GET returns the knob object, PUT merges
/// the body into it. <see cref="Fault"/> switches it into a misbehaving mode; <see cref="RequiredToken"/>
/// demands a bearer token.
/// </summary>
internal sealed class AdminEndpointServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _putBodies = [];
    private readonly Task _loop;
    private JsonObject _config;

    public AdminEndpointServer(JsonObject initial)
    {
        _config = initial;
        var port = StartOnFreePort(_listener);
        Url = new Uri($"http://127.0.0.1:{port}/admin/config");
        _loop = Task.Run(AcceptLoopAsync);
    }

    public enum FaultMode
    {
        None,
        ServerErrorHtml,
        Stall,
        InvalidJson,
    }

    public Uri Url { get; }

    public FaultMode Fault { get; set; }

    public string? RequiredToken { get; init; }

    public IReadOnlyList<string> PutBodies
    {
        get
        {
            lock (_gate)
            {
                return [.. _putBodies];
            }
        }
    }

    public JsonObject Config
    {
        get
        {
            lock (_gate)
            {
                return (JsonObject)_config.DeepClone();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
            // The listener was stopped while waiting for a request.
        }
    }

    /// <summary>HttpListener cannot bind port 0, so probe for a free port; retry if another test took it meanwhile.</summary>
    private static int StartOnFreePort(HttpListener listener)
    {
        for (var attempt = 0; ; attempt++)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return port;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                // Taken between the probe and the start: try another.
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private int _requests;

    /// <summary>Requests received (every method).</summary>
    public int Requests => Volatile.Read(ref _requests);

    private async Task HandleAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            var request = context.Request;
            if (RequiredToken is not null && request.Headers["Authorization"] != $"Bearer {RequiredToken}")
            {
                await RespondAsync(context, 401, "text/plain", "unauthorized");
                return;
            }

            switch (Fault)
            {
                case FaultMode.ServerErrorHtml:
                    await RespondAsync(context, 500, "text/html", "<html><body><h1>Internal Server Error</h1></body></html>");
                    return;
                case FaultMode.Stall:
                    await _released.Task;
                    context.Response.Abort();
                    return;
                case FaultMode.InvalidJson:
                    await RespondAsync(context, 200, "application/json", "{\"concurrency_limit\": 32,");
                    return;
            }

            if (request.HttpMethod == "PUT")
            {
                using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                lock (_gate)
                {
                    _putBodies.Add(body);
                    foreach (var (key, value) in (JsonObject)JsonNode.Parse(body)!)
                    {
                        _config[key] = value?.DeepClone();
                    }
                }
            }

            string json;
            lock (_gate)
            {
                json = _config.ToJsonString();
            }

            await RespondAsync(context, 200, "application/json", json);
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away (e.g. after its timeout).
        }
    }

    private static async Task RespondAsync(HttpListenerContext context, int status, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
