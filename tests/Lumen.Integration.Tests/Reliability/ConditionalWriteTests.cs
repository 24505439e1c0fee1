using System.Net.Http.Headers;
using System.Text;
using Lumen.Adapters.Executors;
using Lumen.Adapters.Leases;
using Lumen.Core.Leases;
using Lumen.DemoService;
using Lumen.Integration.Tests.TestKit;

namespace Lumen.Integration.Tests.Reliability;

/// <summary>
/// The http executor's conditional write against the real demo service on loopback (docs/reliability.md):
/// a write that landed between Lumen's read and its write is refused by the target (412), and the
/// refusal says what the knob holds and who wrote it.
/// </summary>
public sealed class ConditionalWriteTests(LiveFixture live) : IClassFixture<LiveFixture>
{
    private const string Knob = "timeout_ms";

    private HttpExecutor Executor(FencingToken? fence = null) =>
        new(new HttpExecutorOptions(live.Canary.AdminUrl, LiveFixture.AdminToken) { Fence = fence }, live.Http);

    private async Task ThirdPartyWritesAsync(double value)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, live.Canary.AdminUrl)
        {
            Content = new StringContent($"{{\"{Knob}\": {value}}}", Encoding.UTF8, "application/json"),
        };
        put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LiveFixture.AdminToken);
        using var answer = await live.Http.SendAsync(put);
        answer.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task SetIfAsync_KnobChangedSinceTheRead_412ConflictWithValueAndWriterAndNothingWritten()
    {
        var executor = Executor();
        var read = await executor.GetAsync(Knob, CancellationToken.None);
        Assert.True(read.IsOk, read.Reason);

        // Someone without a lease writes after Lumen's read.
        await ThirdPartyWritesAsync(read.Value + 100);
        var set = await executor.SetIfAsync(Knob, read.Value, read.Value + 10, CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.True(set.IsConflict, set.Reason);
        Assert.False(set.Transient);
        Assert.Equal(read.Value + 100, set.Observed);
        Assert.Equal(AdminEndpoint.UnleasedWriter, set.WrittenBy);
        Assert.Contains("412", set.Reason, StringComparison.Ordinal);
        var after = await executor.GetAsync(Knob, CancellationToken.None);
        Assert.Equal(read.Value + 100, after.Value);
        Assert.Equal(AdminEndpoint.UnleasedWriter, after.WrittenBy);

        // With the right expectation the write goes through, and the target names the lease holder as its writer.
        var leases = new HttpTargetLease(live.Canary.AdminUrl, LiveFixture.AdminToken, live.Http, TimeSpan.FromSeconds(5));
        var lease = await leases.AcquireAsync("conditional-write-test", TimeSpan.FromSeconds(30), null, CancellationToken.None);
        var fence = new FencingToken { Value = lease.Lease!.Token };
        var back = await Executor(fence).SetIfAsync(Knob, read.Value + 100, read.Value, CancellationToken.None);
        Assert.True(back.IsOk, back.Reason);
        Assert.Equal(read.Value, back.Value);
        Assert.Equal("conditional-write-test", (await executor.GetAsync(Knob, CancellationToken.None)).WrittenBy);
        await leases.ReleaseAsync("conditional-write-test", lease.Lease.Token, CancellationToken.None);
    }
}
