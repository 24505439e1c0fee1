using Lumen.Core.Adjustments;

namespace Lumen.Core.Tests.Adjustments;

public sealed class InMemoryExecutorTests
{
    private static InMemoryExecutor NewExecutor() => new([new("concurrency_limit", 32)]);

    [Fact]
    public async Task SetAsync_ThenGetAsync_ReadsTheNewValue()
    {
        var executor = NewExecutor();

        var set = await executor.SetAsync("concurrency_limit", 36, CancellationToken.None);
        var get = await executor.GetAsync("concurrency_limit", CancellationToken.None);

        Assert.Equal(36, set.Value);
        Assert.Equal(36, get.Value);
        Assert.Equal("memory", executor.Kind);
    }

    [Fact]
    public async Task GetAsync_UnknownKnob_FailsPermanently()
    {
        var result = await NewExecutor().GetAsync("nope", CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.False(result.Transient);
    }

    [Fact]
    public async Task SetAsync_FailBeforeWrite_LeavesValueUnchanged()
    {
        var executor = NewExecutor();
        executor.Inject(new InMemoryFault(InMemoryFaultMode.FailBeforeWrite, "unreachable"));

        var set = await executor.SetAsync("concurrency_limit", 36, CancellationToken.None);

        Assert.Equal("unreachable", set.Reason);
        Assert.Equal(32, executor.Values["concurrency_limit"]);
    }

    [Fact]
    public async Task SetAsync_FailAfterWrite_ReportsFailureButTheValueChanged()
    {
        var executor = NewExecutor();
        executor.Inject(new InMemoryFault(InMemoryFaultMode.FailAfterWrite, "timeout", Operation: ExecutorOperation.Set));

        var set = await executor.SetAsync("concurrency_limit", 36, CancellationToken.None);
        var get = await executor.GetAsync("concurrency_limit", CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.Equal(36, get.Value);
    }

    [Fact]
    public async Task Inject_FaultForOneKnob_IsConsumedOnlyByThatKnobOnce()
    {
        var executor = new InMemoryExecutor([new("a", 1), new("b", 2)]);
        executor.Inject(new InMemoryFault(InMemoryFaultMode.FailBeforeWrite, Operation: ExecutorOperation.Get, Knob: "b"));

        var a = await executor.GetAsync("a", CancellationToken.None);
        var b1 = await executor.GetAsync("b", CancellationToken.None);
        var b2 = await executor.GetAsync("b", CancellationToken.None);

        Assert.True(a.IsOk);
        Assert.False(b1.IsOk);
        Assert.True(b2.IsOk);
        Assert.Equal(3, executor.Calls.Length);
        Assert.Equal(ExecutorOperation.Get, executor.Calls[1].Operation);
    }

    [Fact]
    public async Task SetAsync_NonFiniteValue_FailsWithoutChange()
    {
        var executor = NewExecutor();

        var set = await executor.SetAsync("concurrency_limit", double.NaN, CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.Equal(32, executor.Values["concurrency_limit"]);
    }

    [Fact]
    public async Task SetAsync_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => NewExecutor().SetAsync("concurrency_limit", 1, cts.Token));
    }
}
