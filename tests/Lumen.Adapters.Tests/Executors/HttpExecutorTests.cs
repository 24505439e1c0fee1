using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Lumen.Adapters.Executors;
using Lumen.Adapters.Tests.TestKit;

namespace Lumen.Adapters.Tests.Executors;

public sealed class HttpExecutorTests : IDisposable
{
    private const string Token = "s3cret-token-value";
    private readonly HttpClient _client = new();

    public void Dispose() => _client.Dispose();

    private static AdminEndpointServer NewServer(string? token = null) =>
        new(new JsonObject { ["concurrency_limit"] = 32, ["timeout_ms"] = 1500 }) { RequiredToken = token };

    private HttpExecutor NewExecutor(Uri url, string? token = null, int timeoutMs = 5000, HttpPutMode mode = HttpPutMode.Knob) =>
        new(new HttpExecutorOptions(url, token, TimeSpan.FromMilliseconds(timeoutMs), mode), _client);

    [Fact]
    public async Task GetAsync_EndpointHoldsKnob_ReturnsItsValue()
    {
        await using var server = NewServer();

        var result = await NewExecutor(server.Url).GetAsync("concurrency_limit", CancellationToken.None);

        Assert.True(result.IsOk, result.Reason);
        Assert.Equal(32, result.Value);
    }

    [Fact]
    public async Task SetAsync_KnobMode_PutsOnlyTheKnobAndReadsBackTheNewValue()
    {
        await using var server = NewServer();
        var executor = NewExecutor(server.Url);

        var set = await executor.SetAsync("concurrency_limit", 36, CancellationToken.None);
        var get = await executor.GetAsync("concurrency_limit", CancellationToken.None);

        Assert.Equal(36, set.Value);
        Assert.Equal(36, get.Value);
        Assert.Equal("{\"concurrency_limit\":36}", Assert.Single(server.PutBodies));
        Assert.Equal(1500, server.Config["timeout_ms"]!.GetValue<int>());
    }

    [Fact]
    public async Task SetAsync_ObjectMode_PutsTheWholeObject()
    {
        await using var server = NewServer();

        var set = await NewExecutor(server.Url, mode: HttpPutMode.Object).SetAsync("concurrency_limit", 40, CancellationToken.None);

        Assert.True(set.IsOk, set.Reason);
        Assert.Equal("{\"concurrency_limit\":40,\"timeout_ms\":1500}", Assert.Single(server.PutBodies));
    }

    [Fact]
    public async Task GetAsync_ServerErrorWithHtml_FailsTransientlyNamingTheStatus()
    {
        await using var server = NewServer();
        server.Fault = AdminEndpointServer.FaultMode.ServerErrorHtml;

        var result = await NewExecutor(server.Url).GetAsync("concurrency_limit", CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.True(result.Transient);
        Assert.Contains("returned 500", result.Reason, StringComparison.Ordinal);
        Assert.Contains("Internal Server Error", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetAsync_EndpointStallsBeyondTheTimeout_FailsTransientlyAsTimedOut()
    {
        await using var server = NewServer();
        server.Fault = AdminEndpointServer.FaultMode.Stall;

        var result = await NewExecutor(server.Url, timeoutMs: 200).SetAsync("concurrency_limit", 36, CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.True(result.Transient);
        Assert.Contains("timed out after 200 ms", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_InvalidJson_FailsPermanently()
    {
        await using var server = NewServer();
        server.Fault = AdminEndpointServer.FaultMode.InvalidJson;

        var result = await NewExecutor(server.Url).GetAsync("concurrency_limit", CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.False(result.Transient);
        Assert.Contains("did not return a JSON object", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_WrongToken_Fails401WithoutLeakingTheToken()
    {
        await using var server = NewServer(token: Token);

        var result = await NewExecutor(server.Url, token: "wrong-" + Token).GetAsync("concurrency_limit", CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.False(result.Transient);
        Assert.Contains("returned 401", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetAsync_RightToken_IsAccepted()
    {
        await using var server = NewServer(token: Token);

        var result = await NewExecutor(server.Url, token: Token).SetAsync("concurrency_limit", 28, CancellationToken.None);

        Assert.Equal(28, result.Value);
    }

    [Fact]
    public async Task GetAsync_KnobMissingFromTheAnswer_FailsPermanently()
    {
        await using var server = NewServer();

        var result = await NewExecutor(server.Url).GetAsync("cache_size_mb", CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.Contains("no knob cache_size_mb", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_NothingListening_FailsTransiently()
    {
        // A socket bound but not listening holds the port (nobody else can take it) and refuses connections.
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port;

        var result = await NewExecutor(new Uri($"http://127.0.0.1:{port}/admin/config")).GetAsync("x", CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.True(result.Transient);
    }

    [Fact]
    public async Task GetAsync_CallerCancels_ThrowsInsteadOfReportingATimeout()
    {
        await using var server = NewServer();
        server.Fault = AdminEndpointServer.FaultMode.Stall;
        using var cts = new CancellationTokenSource();
        var call = NewExecutor(server.Url).GetAsync("concurrency_limit", cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public void OptionsToString_WithToken_RedactsIt()
    {
        var options = new HttpExecutorOptions(new Uri("http://user:pw@127.0.0.1:1/admin"), Token);

        var text = options.ToString();

        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
    }
}
