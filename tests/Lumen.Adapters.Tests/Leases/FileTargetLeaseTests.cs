using Lumen.Adapters.Executors;
using Lumen.Adapters.Leases;
using Lumen.Core.Leases;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Adapters.Tests.Leases;

/// <summary>The lease file beside a file target, and the file executor's fence against a stale token.</summary>
public sealed class FileTargetLeaseTests : IDisposable
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(15);
    private readonly string _dir = Directory.CreateTempSubdirectory("lumen-lease-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private string Target => Path.Combine(_dir, "app.json");

    [Fact]
    public async Task AcquireAsync_TwoHolders_OneGetsIt_TheOtherAfterExpiryWithTakeOver()
    {
        var a = new FileTargetLease(Target, _time);
        var b = new FileTargetLease(Target, _time);

        var first = await a.AcquireAsync("a", Ttl, null, CancellationToken.None);
        var refused = await b.AcquireAsync("b", Ttl, null, CancellationToken.None);
        _time.Advance(Ttl);
        var taken = await b.AcquireAsync("b", Ttl, null, CancellationToken.None);

        Assert.Equal(LeaseStatus.Granted, first.Status);
        Assert.Equal(LeaseStatus.Held, refused.Status);
        Assert.Equal("a", refused.Lease!.Holder);
        Assert.Equal(LeaseStatus.Granted, taken.Status);
        Assert.Equal("a", taken.TakenOverFrom!.Holder);
        Assert.True(taken.Lease!.Token > first.Lease!.Token);
        Assert.True(File.Exists(Target + FileTargetLease.Suffix));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public async Task SetAsync_StaleFencingToken_RefusedAndFileUnchanged()
    {
        await File.WriteAllTextAsync(Target, "{\"cache_size_mb\": 512}\n");
        var lease = new FileTargetLease(Target, _time);
        var old = await lease.AcquireAsync("a", Ttl, null, CancellationToken.None);
        _time.Advance(Ttl);
        await lease.AcquireAsync("b", Ttl, null, CancellationToken.None);
        var fence = new FencingToken { Value = old.Lease!.Token };
        var executor = new FileExecutor(new FileExecutorOptions(Target, ConfigFileFormat.Json) { Fence = fence });

        var result = await executor.SetAsync("cache_size_mb", 576, CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.Contains("fenced", result.Reason, StringComparison.Ordinal);
        Assert.Equal(512, (await executor.GetAsync("cache_size_mb", CancellationToken.None)).Value);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
