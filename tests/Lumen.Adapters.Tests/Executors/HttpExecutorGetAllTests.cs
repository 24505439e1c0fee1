using System.Text.Json.Nodes;
using Lumen.Adapters.Executors;
using Lumen.Adapters.Tests.TestKit;
using Lumen.Core.Adjustments;

namespace Lumen.Adapters.Tests.Executors;

/// <summary>Reading every knob of a target: one GET of the admin endpoint, whatever the number of knobs.</summary>
public sealed class HttpExecutorGetAllTests : IDisposable
{
    private readonly HttpClient _client = new();

    public void Dispose() => _client.Dispose();

    private IExecutor NewExecutor(Uri url) => new HttpExecutor(new HttpExecutorOptions(url, null, TimeSpan.FromSeconds(5)), _client);

    [Fact]
    public async Task GetAllAsync_ThreeKnobs_OneGetAndEachValue()
    {
        await using var server = new AdminEndpointServer(new JsonObject { ["concurrency_limit"] = 32, ["timeout_ms"] = 1500, ["cache_size_mb"] = 64 });

        var results = await NewExecutor(server.Url).GetAllAsync(["concurrency_limit", "timeout_ms", "cache_size_mb"], CancellationToken.None);

        Assert.Equal(1, server.Requests);
        Assert.Equal(32, results["concurrency_limit"].Value);
        Assert.Equal(1500, results["timeout_ms"].Value);
        Assert.Equal(64, results["cache_size_mb"].Value);
    }

    [Fact]
    public async Task GetAllAsync_KnobAbsent_FailsThatKnobOnly()
    {
        await using var server = new AdminEndpointServer(new JsonObject { ["concurrency_limit"] = 32 });

        var results = await NewExecutor(server.Url).GetAllAsync(["concurrency_limit", "timeout_ms"], CancellationToken.None);

        Assert.True(results["concurrency_limit"].IsOk);
        Assert.False(results["timeout_ms"].IsOk);
        Assert.Contains("no knob timeout_ms", results["timeout_ms"].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAllAsync_ServerError_FailsEveryKnobWithTheReason()
    {
        await using var server = new AdminEndpointServer(new JsonObject { ["concurrency_limit"] = 32 }) { Fault = AdminEndpointServer.FaultMode.ServerErrorHtml };

        var results = await NewExecutor(server.Url).GetAllAsync(["concurrency_limit", "timeout_ms"], CancellationToken.None);

        Assert.Equal(1, server.Requests);
        Assert.All(results.Values, r => Assert.Contains("500", r.Reason, StringComparison.Ordinal));
        Assert.All(results.Values, r => Assert.False(r.IsOk));
    }
}
