using Lumen.Core.Adjustments;
using Lumen.Core.Approvals;
using Lumen.Core.Policy;
using Lumen.Core.Sli;
using Lumen.Runtime.Promotion;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Runtime.Tests.Promotion;

public sealed class PromotionWatchTests
{
    private static readonly Slo Slo = new(400, 0.02, 0.6);

    /// <summary>Returns one scripted baseline reading per call (the last one repeats).</summary>
    private sealed class ScriptedSource(params (double? P95, double? Errors)[] script) : ISliSource
    {
        public int Calls { get; private set; }

        public Task<SliSnapshot> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            var (p95, errors) = script[Math.Min(Calls++, script.Length - 1)];
            var reading = new TrackReadings("checkout", SliTracks.Baseline,
                p95 is { } p ? SliReading.Ok(p) : SliReading.Missing("no series"),
                errors is { } e ? SliReading.Ok(e) : SliReading.Missing("no series"), SliReading.Ok(100));
            return Task.FromResult(new SliSnapshot(now, [reading]));
        }
    }

    private static PromotionWatch Watch(ISliSource source, FakeTimeProvider time) =>
        new(source, time, (span, _) => { time.Advance(span); return Task.CompletedTask; });

    [Fact]
    public async Task WatchAsync_P95AboveSloOnThirdRead_Breached()
    {
        var time = new FakeTimeProvider();
        var source = new ScriptedSource((300, 0.01), (350, 0.01), (450, 0.01));

        var result = await Watch(source, time).WatchAsync("checkout", Slo, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.True(result.Breached);
        Assert.Equal(3, result.Reads);
        Assert.Contains("p95 450 ms above the SLO 400 ms", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchAsync_MissingDataThroughout_NoBreachButCounted()
    {
        var time = new FakeTimeProvider();

        var result = await Watch(new ScriptedSource((null, null)), time).WatchAsync("checkout", Slo, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.False(result.Breached);
        Assert.Equal(10, result.Reads);
        Assert.Equal(10, result.Unusable);
    }

    [Fact]
    public async Task WatchAsync_ErrorRateAboveSlo_Breached()
    {
        var time = new FakeTimeProvider();

        var result = await Watch(new ScriptedSource((300, 0.05)), time).WatchAsync("checkout", Slo, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.True(result.Breached);
        Assert.Contains("error rate", result.Reason, StringComparison.Ordinal);
    }

    /// <summary>An executor that clamps "b" to at most 3 (as an admin endpoint might), so its read-back disagrees.</summary>
    private sealed class ClampingExecutor(InMemoryExecutor inner) : IExecutor
    {
        public string Kind => "clamping";

        public Task<ExecutorResult> SetAsync(string knob, double value, CancellationToken cancellationToken) =>
            inner.SetAsync(knob, knob == "b" ? Math.Min(value, 3) : value, cancellationToken);

        public Task<ExecutorResult> GetAsync(string knob, CancellationToken cancellationToken) => inner.GetAsync(knob, cancellationToken);
    }

    [Fact]
    public async Task ApplyAsync_TargetClampsValue_FailsAndRestoresEveryKnobItTouched()
    {
        var inner = new InMemoryExecutor([new("a", 1), new("b", 2)]);
        var changes = new[] { new PlannedChange("a", "baseline", 1, 5), new PlannedChange("b", "baseline", 2, 9) };

        var result = await Promoter.ApplyAsync(changes, new ClampingExecutor(inner), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Contains("b reads back 3, not 9", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await inner.GetAsync("a", CancellationToken.None)).Value);
        Assert.Equal(2, (await inner.GetAsync("b", CancellationToken.None)).Value);
    }
}
