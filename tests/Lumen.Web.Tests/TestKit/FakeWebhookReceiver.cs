using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Lumen.Web.Tests.TestKit;

/// <summary>
/// Stands in for Slack's incoming webhook on loopback (Slack itself cannot be reached from the
/// test machine). Records every body posted to its secret path and answers 200 "ok" like Slack.
/// </summary>
internal sealed class FakeWebhookReceiver : IDisposable
{
    private readonly LoopbackHttpServer _server;

    public FakeWebhookReceiver(string secretPath)
    {
        _server = LoopbackHttpServer.Start(ServeAsync);
        Url = _server.Url($"services/{secretPath}");
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string Path, string Body)> Received { get; } = new();

    private async Task ServeAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        Received.Enqueue((context.Request.Path.Value ?? "", await reader.ReadToEndAsync()));
        context.Response.StatusCode = 200;
        await context.Response.Body.WriteAsync("ok"u8.ToArray());
    }

    public void Dispose() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
