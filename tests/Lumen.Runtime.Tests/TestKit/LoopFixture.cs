using Lumen.Adapters.LedgerStore;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;
using Lumen.Core.Sli;
using Lumen.TestKit;
using Lumen.Runtime.Loop;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Runtime.Tests.TestKit;

/// <summary>
/// A loop on fakes: FakeTimeProvider, the scripted source (p95 900 ms against a 500 ms SLO, so the
/// harness rule proposes a raise), an InMemoryExecutor, in-memory state files, and a real file
/// ledger in a temp directory. <see cref="RestartAsync"/> closes everything and builds a new loop
/// on the same ledger, state and target, like a process restart.
/// </summary>
internal sealed class LoopFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lumen-loop-" + Guid.NewGuid().ToString("N"));
    private readonly Func<LoopOptions, LoopOptions> _configure;
    private FileLedgerStore? _ledger;

    private LoopFixture(Func<LoopOptions, LoopOptions> configure, bool dryRun)
    {
        _configure = configure;
        DryRun = dryRun;
        Source = new ScriptedSliSource([HarnessConfig.Service], (service, track, _) => ScriptedSliSource.Ok(service, track,
            track == SliTracks.Canary && CanaryP95 is { } p95 ? p95(Executor.Values[HarnessConfig.Knob]) : P95Ms, 0.01, 100));
        Directory.CreateDirectory(_directory);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>The loop's and the ledger's clock: <see cref="Time"/>, whose wall clock a test may step (<see cref="SteppedTimeProvider.WallStep"/>).</summary>
    public SteppedTimeProvider Clock => _clock ??= new SteppedTimeProvider(Time);

    private SteppedTimeProvider? _clock;

    public InMemoryExecutor Executor { get; } = new([new(HarnessConfig.Knob, HarnessConfig.KnobDefault)]);

    public ScriptedSliSource Source { get; private set; } = null!;

    /// <summary>The p95 the source reads for every track (900 ms: above the 500 ms SLO).</summary>
    public double P95Ms { get; set; } = 900;

    /// <summary>When set, the canary's p95 as a function of its knob's current value (the baseline keeps <see cref="P95Ms"/>).</summary>
    public Func<double, double>? CanaryP95 { get; set; }

    public InMemoryStateFiles Files { get; } = new();

    /// <summary>The coordinator the next (re)build uses; null: the default (this process holds every service).</summary>
    public Core.Coordination.IServiceCoordinator? Coordinator { get; set; }

    public RecordingMetricsSink Metrics { get; } = new();

    public bool DryRun { get; }

    public ControlLoop Loop { get; private set; } = null!;

    public string LedgerPath => Path.Combine(_directory, FileLedgerStoreOptions.DefaultFileName);

    public static async Task<LoopFixture> CreateAsync(bool dryRun = false, Func<LoopOptions, LoopOptions>? configure = null)
    {
        var fixture = new LoopFixture(configure ?? (o => o), dryRun);
        await fixture.OpenAsync(null);
        return fixture;
    }

    /// <summary>One tick at the current time, then the clock moves one interval on.</summary>
    public async Task<TickReport> TickAsync()
    {
        var report = await Loop.TickAsync(CancellationToken.None);
        Time.Advance(Interval);
        return report;
    }

    /// <summary>Ticks until an entry of <paramref name="kind"/> is written (at most <paramref name="limit"/> ticks).</summary>
    public async Task<TickReport> TickUntilAsync(string kind, int limit = 20)
    {
        for (var i = 0; i < limit; i++)
        {
            var report = await TickAsync();
            if (report.LedgerKinds.Contains(kind))
            {
                return report;
            }
        }

        throw new InvalidOperationException($"no {kind} within {limit} ticks");
    }

    /// <summary>Closes the ledger and builds a new loop on the same state, with an optional crash hook.</summary>
    public async Task RestartAsync(string? crashAt = null)
    {
        if (_ledger is not null)
        {
            await _ledger.DisposeAsync();
        }

        await OpenAsync(crashAt);
    }

    public async Task<List<LedgerEntry>> EntriesAsync()
    {
        var entries = new List<LedgerEntry>();
        await foreach (var entry in _ledger!.ReadAsync())
        {
            entries.Add(entry);
        }

        return entries;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ledger is not null)
        {
            await _ledger.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task OpenAsync(string? crashAt)
    {
        _ledger = await FileLedgerStore.OpenAsync(new FileLedgerStoreOptions(LedgerPath), Clock);
        var options = _configure(new LoopOptions(HarnessConfig.Create(dryRun: DryRun), HarnessConfig.Stage)
        {
            Rhythm = HarnessConfig.Rhythm,
            SnapshotEveryTicks = 0,
            CrashAt = crashAt,
            CrashAction = p => throw new SimulatedCrashException(p),
        });
        var ports = new LoopPorts(Source,
            new Dictionary<string, IExecutor> { [HarnessConfig.Service] = Executor },
            new Dictionary<string, IExecutor>(), _ledger, Metrics, Files, Clock);
        if (Coordinator is not null)
        {
            ports = ports with { Coordinator = Coordinator };
        }

        Loop = await LoopBuilder.BuildAsync(options, ports, CancellationToken.None);
    }
}
