using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Lumen.Web.Tests.TestKit;

/// <summary>
/// Stands in for Slack's incoming webhook on loopback (Slack itself cannot be reached from the
/// test machine). Records every body posted to its secret path and answers 200 "ok" like Slack.
/// </summary>
internal sealed class FakeWebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public FakeWebhookReceiver(string secretPath)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            Url = new Uri($"http://127.0.0.1:{port}/services/{secretPath}");
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The port was taken between probing and binding: try another.
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<(string Path, string Body)> Received { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            Received.Enqueue((context.Request.Url!.AbsolutePath, await reader.ReadToEndAsync()));
            context.Response.StatusCode = 200;
            await context.Response.OutputStream.WriteAsync("ok"u8.ToArray());
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
