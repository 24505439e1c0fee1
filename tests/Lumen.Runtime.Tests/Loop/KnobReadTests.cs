using Lumen.Core.Adjustments;
using Lumen.Core.Policy;
using Lumen.TestKit;
using Lumen.Runtime.Loop;
using Lumen.Runtime.Tests.TestKit;

namespace Lumen.Runtime.Tests.Loop;

/// <summary>The collect step reads each target once per tick (all knobs in one read), the services a few at once.</summary>
public sealed class KnobReadTests
{
    [Fact]
    public async Task TickAsync_ReadsEachTargetOncePerTick()
    {
        var executor = new CountingExecutor(new InMemoryExecutor([new(HarnessConfig.Knob, HarnessConfig.KnobDefault)]));
        await using var f = await LoopFixture.CreateAsync();
        var services = HarnessConfig.Create().Services.Services;

        var (loop, ledger) = await BuildAsync(f, services, _ => executor, parallelism: 16);
        await using var _ = ledger;
        await loop.TickAsync(CancellationToken.None);

        Assert.Equal(1, executor.ReadAlls);
        Assert.Equal(0, executor.SingleReads);
    }

    [Fact]
    public async Task TickAsync_ManyServices_ReadsThemInParallelWithinTheBound()
    {
        await using var f = await LoopFixture.CreateAsync();
        var one = HarnessConfig.Create().Services.Services[0];
        var services = Enumerable.Range(0, 6).Select(i => one with { Name = $"svc{i}" }).ToList();
        var gate = new ConcurrencyGate(expected: 2);

        var (loop, ledger) = await BuildAsync(f, services, _ => new GatedExecutor(gate), parallelism: 2);
        await using var _ = ledger;
        var report = await loop.TickAsync(CancellationToken.None);

        // Each read waits until two are in flight: a sequential collect would time out here.
        Assert.Equal(2, gate.Max);
        Assert.DoesNotContain(report.Problems, p => p.Contains("reading canary knob", StringComparison.Ordinal));
    }

    private static async Task<(ControlLoop Loop, Adapters.LedgerStore.FileLedgerStore Ledger)> BuildAsync(LoopFixture f, IReadOnlyList<ServiceConfig> services, Func<string, IExecutor> executor, int parallelism)
    {
        var config = HarnessConfig.Create() with { Services = new ServiceCatalog([.. services]) };
        var names = services.Select(s => s.Name).ToList();
        var ledger = await Adapters.LedgerStore.FileLedgerStore.OpenAsync(
            new Adapters.LedgerStore.FileLedgerStoreOptions(Path.Combine(Path.GetDirectoryName(f.LedgerPath)!, "knobs.jsonl")), f.Time);
        var ports = new LoopPorts(ScriptedSliSource.Constant(names, 100, 0.01, 10),
            names.ToDictionary(n => n, executor), new Dictionary<string, IExecutor>(), ledger, f.Metrics, new InMemoryStateFiles(), f.Time);
        var loop = await LoopBuilder.BuildAsync(new LoopOptions(config, HarnessConfig.Stage) { Rhythm = HarnessConfig.Rhythm, KnobReadParallelism = parallelism },
            ports, CancellationToken.None);
        return (loop, ledger);
    }

    private sealed class CountingExecutor(InMemoryExecutor inner) : IExecutor
    {
        public int ReadAlls { get; private set; }

        public int SingleReads { get; private set; }

        public string Kind => "counting";

        public Task<ExecutorResult> SetAsync(string knob, double value, CancellationToken cancellationToken) => inner.SetAsync(knob, value, cancellationToken);

        public Task<ExecutorResult> GetAsync(string knob, CancellationToken cancellationToken)
        {
            SingleReads++;
            return inner.GetAsync(knob, cancellationToken);
        }

        public async Task<IReadOnlyDictionary<string, ExecutorResult>> GetAllAsync(IReadOnlyList<string> knobs, CancellationToken cancellationToken)
        {
            ReadAlls++;
            var results = new Dictionary<string, ExecutorResult>();
            foreach (var knob in knobs)
            {
                results[knob] = await inner.GetAsync(knob, cancellationToken);
            }

            return results;
        }
    }

    /// <summary>Counts reads in flight; a read waits (bounded) until <c>expected</c> reads have been in flight at once.</summary>
    private sealed class ConcurrencyGate(int expected)
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _current;

        public int Max { get; private set; }

        public async Task EnterAsync()
        {
            lock (this)
            {
                _current++;
                Max = Math.Max(Max, _current);
                if (_current >= expected)
                {
                    _reached.TrySetResult();
                }
            }

            await _reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
            lock (this)
            {
                _current--;
            }
        }
    }

    private sealed class GatedExecutor(ConcurrencyGate gate) : IExecutor
    {
        public string Kind => "gated";

        public Task<ExecutorResult> SetAsync(string knob, double value, CancellationToken cancellationToken) => Task.FromResult(ExecutorResult.Ok(value));

        public async Task<ExecutorResult> GetAsync(string knob, CancellationToken cancellationToken)
        {
            await gate.EnterAsync();
            return ExecutorResult.Ok(HarnessConfig.KnobDefault);
        }
    }
}
