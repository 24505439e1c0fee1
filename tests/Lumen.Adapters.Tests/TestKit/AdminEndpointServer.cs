using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Lumen.Adapters.Tests.TestKit;

/// <summary>
/// A real HTTP admin endpoint on 127.0.0.1 (<see cref="LoopbackHttpServer"/>: Kestrel on a port the system chose): GET returns the knob object, PUT merges
/// the body into it. <see cref="Fault"/> switches it into a misbehaving mode; <see cref="RequiredToken"/>
/// demands a bearer token.
/// </summary>
internal sealed class AdminEndpointServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _putBodies = [];
    private readonly LoopbackHttpServer _server;
    private JsonObject _config;

    public AdminEndpointServer(JsonObject initial)
    {
        _config = initial;
        _server = LoopbackHttpServer.Start(HandleAsync);
        Url = _server.Url("admin/config");
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
        await _server.DisposeAsync();
    }

    private int _requests;

    /// <summary>Requests received (every method).</summary>
    public int Requests => Volatile.Read(ref _requests);

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            var request = context.Request;
            if (RequiredToken is not null && request.Headers.Authorization != $"Bearer {RequiredToken}")
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
                    context.Abort();
                    return;
                case FaultMode.InvalidJson:
                    await RespondAsync(context, 200, "application/json", "{\"concurrency_limit\": 32,");
                    return;
            }

            if (request.Method == "PUT")
            {
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
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
        catch (Exception ex) when (ex is ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The client went away (e.g. after its timeout).
        }
    }

    private static async Task RespondAsync(HttpContext context, int status, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }
}
