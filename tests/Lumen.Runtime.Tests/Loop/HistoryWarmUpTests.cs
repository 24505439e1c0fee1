using Lumen.Core.Ledger;
using Lumen.Core.Sli;
using Lumen.TestKit;
using Lumen.Runtime.Loop;
using Lumen.Runtime.Tests.TestKit;

namespace Lumen.Runtime.Tests.Loop;

/// <summary>
/// The mapper's history at start: backfill from a history source, the saved history across a restart,
/// and what is reported when the source has gaps or errors. The harness's rhythm is a 4-minute cycle at
/// 30 s ticks, so "one period" is 9 grid points and the mapper needs 2 minutes of usable history.
/// </summary>
public sealed class HistoryWarmUpTests
{
    private static readonly TimeSpan Period = HarnessConfig.Rhythm.Period;

    [Fact]
    public async Task Build_NoHistorySource_FirstTickIsNotMapped()
    {
        await using var f = await LoopFixture.CreateAsync();

        await f.TickAsync();

        var observation = (await f.EntriesAsync()).Single(e => e.Kind == LedgerKinds.Observation);
        Assert.True(observation.Data.TryGetProperty("not_enough_history", out _));
        Assert.False(f.Loop.Readiness[HarnessConfig.Service].Ready);
        Assert.False(Assert.Single(f.Metrics.Published[^1].Services).MapperReady);
    }

    [Fact]
    public async Task Build_HistorySourceCoversThePeriod_FirstTickIsMappedAndDecides()
    {
        var source = new FakeHistorySource();
        await using var f = await LoopFixture.CreateAsync(configure: o => o with { HistorySource = source });

        var report = await f.TickAsync();

        var entries = await f.EntriesAsync();
        var observation = entries.Single(e => e.Kind == LedgerKinds.Observation);
        Assert.False(observation.Data.TryGetProperty("not_enough_history", out _), observation.Data.ToString());
        Assert.True(observation.Data.GetProperty("mapper").GetProperty("ready").GetBoolean());
        Assert.Contains(LedgerKinds.Decision, report.LedgerKinds);
        var ready = f.Loop.Readiness[HarnessConfig.Service];
        Assert.True(ready.Ready);
        Assert.Equal(Period, ready.History);
        var metrics = Assert.Single(f.Metrics.Published[^1].Services);
        Assert.True(metrics.MapperReady);
        Assert.Equal(Period.TotalSeconds, metrics.MapperHistorySeconds);
        // One period at the loop's interval, ending at the start time, read once.
        var call = Assert.Single(source.Calls);
        Assert.Equal((LoopFixture.Start - Period, LoopFixture.Start, LoopFixture.Interval), call);
        var notes = entries.Single(e => e.Kind == LedgerKinds.ConfigLoaded).Data.GetProperty("notes").ToString();
        Assert.Contains("backfill: checkout: 9 point(s) added; mapper ready", notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_SmallChunks_ReadsTheGridOnceInChunksOfAtMostTheLimit()
    {
        var source = new FakeHistorySource();
        var lines = new List<string>();
        await using var f = await LoopFixture.CreateAsync(configure: o => o with
        {
            HistorySource = source,
            BackfillChunkPoints = 4,
            BackfillParallelism = 2,
            StartLog = new SyncProgress(lines),
        });

        var grid = source.Calls
            .SelectMany(c => Enumerable.Range(0, (int)((c.End - c.Start) / c.Step) + 1).Select(i => c.Start + (c.Step * i)))
            .Order().ToList();

        Assert.Equal(3, source.Calls.Count);
        Assert.All(source.Calls, c => Assert.True((c.End - c.Start) / c.Step + 1 <= 4, $"{c.Start:O}–{c.End:O}"));
        Assert.Equal(Enumerable.Range(0, 9).Select(i => LoopFixture.Start - Period + (LoopFixture.Interval * i)), grid);
        Assert.Equal(3, lines.Count(l => l.StartsWith("backfill: ", StringComparison.Ordinal) && l.Contains("/3 chunk(s)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Build_SourceWithGapsErrorsAndGarbage_KeepsOnlyValidPointsAndSaysWhatIsMissing()
    {
        // Grid points i = 0..8 at Start − 240 s + 30 s·i, read in chunks of 3: the first chunk fails,
        // point 4 is NaN everywhere (garbage), point 7 is absent (a gap in the series).
        var first = LoopFixture.Start - Period;
        DateTimeOffset At(int i) => first + (LoopFixture.Interval * i);
        var source = new FakeHistorySource
        {
            Chunk = start => start == first ? HistoryChunk.Failed("POST /api/v1/query_range returned HTTP 503 Service Unavailable") : null,
            Sample = t => t == At(7) ? null : t == At(4) ? new SliSample(t, double.NaN, double.NaN, double.NaN) : new SliSample(t, 900, 0.01, 100),
        };
        await using var f = await LoopFixture.CreateAsync(configure: o => o with { HistorySource = source, BackfillChunkPoints = 3 });

        var loaded = (await f.EntriesAsync()).Single(e => e.Kind == LedgerKinds.ConfigLoaded);
        await f.TickAsync();

        var notes = string.Join("\n", loaded.Data.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("backfill problem: POST /api/v1/query_range returned HTTP 503", notes, StringComparison.Ordinal);
        Assert.Contains("backfill: checkout: 4 point(s) added", notes, StringComparison.Ordinal);
        Assert.Contains("gap(s) left", notes, StringComparison.Ordinal);
        // Only the valid points are in the history (3, 5, 6, 8; the tick at point 8's time is not counted twice):
        // nothing is invented for 0–2, 4 or 7.
        Assert.Equal(4, f.Loop.Readiness[HarnessConfig.Service].Points);
        Assert.Equal(LoopFixture.Start - At(3), f.Loop.Readiness[HarnessConfig.Service].History);
    }

    [Fact]
    public async Task Build_HistoryOlderThanTheCoherenceHorizon_IsReadForRpsOnly()
    {
        // Every SLI for the last 90 s (3 steps), rps only before; no chunk straddles the line.
        var source = new FakeHistorySource();
        await using var f = await LoopFixture.CreateAsync(configure: o => o with
        {
            HistorySource = source,
            BackfillAllSlisFor = TimeSpan.FromSeconds(90),
        });

        var calls = source.Calls.OrderBy(c => c.Start).ToList();

        Assert.Equal(2, calls.Count);
        Assert.Equal((LoopFixture.Start - Period, LoopFixture.Start - TimeSpan.FromSeconds(120)), (calls[0].Start, calls[0].End));
        Assert.Equal((LoopFixture.Start - TimeSpan.FromSeconds(90), LoopFixture.Start), (calls[1].Start, calls[1].End));
        Assert.Equal([calls[0].Start], source.RpsOnly);
        await f.TickAsync();
        Assert.True(f.Loop.Readiness[HarnessConfig.Service].Ready);
    }

    [Fact]
    public async Task Restart_SavedHistory_IsRestoredAndOnlyTheDownTimeIsRead()
    {
        var source = new FakeHistorySource();
        await using var f = await LoopFixture.CreateAsync(configure: o => o with { HistorySource = source, KeepHistory = true, HistorySaveEveryTicks = 1 });
        for (var i = 0; i < 3; i++)
        {
            await f.TickAsync();
        }

        var lastTick = LoopFixture.Start + (LoopFixture.Interval * 2);
        Assert.True(f.Files.Files.ContainsKey("history/canary.json"));
        source.Calls.Clear();
        f.Time.Advance(TimeSpan.FromMinutes(1)); // the process is down for a while
        var restartedAt = f.Time.GetUtcNow();

        await f.RestartAsync();
        var report = await f.TickAsync();

        // Only from the last saved sample to now, not the whole period again.
        var call = Assert.Single(source.Calls);
        Assert.Equal((lastTick, restartedAt), (call.Start, call.End));
        var loaded = (await f.EntriesAsync()).Last(e => e.Kind == LedgerKinds.ConfigLoaded);
        Assert.Contains("point(s) restored", loaded.Data.GetProperty("notes").ToString(), StringComparison.Ordinal);
        Assert.Contains(LedgerKinds.Decision, report.LedgerKinds);
    }

    [Fact]
    public async Task Restart_SavedHistoryIsGarbage_IsIgnoredWithANote()
    {
        await using var f = await LoopFixture.CreateAsync(configure: o => o with { KeepHistory = true });
        f.Files.Files["history/canary.json"] = "{\"version\":1,\"services\":{\"checkout\":{\"t\":[1,2],\"rps\":[1]}}}";

        await f.RestartAsync();

        var loaded = (await f.EntriesAsync()).Last(e => e.Kind == LedgerKinds.ConfigLoaded);
        Assert.Contains("saved history (history/canary.json) ignored", loaded.Data.GetProperty("notes").ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The window holds single precision: the saved history writes such a value in its shortest
    /// single-precision form, which reads back into the window as the same point; a full double
    /// (from elsewhere) is written exactly as a double.
    /// </summary>
    [Fact]
    public void HistoryFile_SinglePrecisionValues_WrittenShortAndReadBackIntoTheSamePoint()
    {
        var t = LoopFixture.Start;
        var window = new Lumen.Core.Rhythm.RhythmWindow(4);
        window.Add(new SliSample(t, 123.456789012345, 0.1, 987.654321));
        SliSample[] samples = [window[0], new(t.AddSeconds(30), 0.1, 0.2, 0.3)];

        var json = HistoryFile.ToJson([("checkout", samples)]);
        var (read, error) = HistoryFile.FromJson(json);

        Assert.Null(error);
        Assert.Contains("\"error_rate\":[0.1,0.2]", json, StringComparison.Ordinal);
        Assert.Contains("\"p95_ms\":[123.45679,0.1]", json, StringComparison.Ordinal);
        var again = new Lumen.Core.Rhythm.RhythmWindow(4);
        again.Add(read!["checkout"][0]);
        Assert.Equal(window[0], again[0]);
        Assert.Equal(0.1, read["checkout"][1].P95Ms);
    }

    [Fact]
    public void HistoryFile_RoundTrip_KeepsUnknownValuesUnknown()
    {
        var t = LoopFixture.Start;
        SliSample[] samples = [new(t, 120, double.NaN, 10), new(t.AddSeconds(30), double.NaN, 0.02, 11, 0.5)];

        var (read, error) = HistoryFile.FromJson(HistoryFile.ToJson([("checkout", samples)]));

        Assert.Null(error);
        var back = read!["checkout"];
        Assert.Equal(2, back.Length);
        Assert.Equal(t, back[0].Timestamp);
        Assert.True(double.IsNaN(back[0].ErrorRate));
        Assert.True(double.IsNaN(back[1].P95Ms));
        Assert.Equal(0.5, back[1].Saturation);
        Assert.True(double.IsNaN(back[0].Saturation!.Value));
    }

    [Fact]
    public void Merge_BackfilledPointNearAnObservedOne_KeepsTheObservedOne()
    {
        var history = new SliHistory(100);
        var t = LoopFixture.Start;
        history.Add(new SliSample(t, 1, 0, 1));

        var added = history.Merge([new SliSample(t.AddSeconds(5), 2, 0, 2), new SliSample(t.AddSeconds(-30), 3, 0, 3),
            new SliSample(t.AddSeconds(-60), double.NaN, double.NaN, double.NaN)], TimeSpan.FromSeconds(15));

        Assert.Equal(1, added);
        Assert.Equal([t.AddSeconds(-30), t], history.ToArray().Select(s => s.Timestamp));
        Assert.Equal(1, history.ToArray()[1].Rps);
    }

    /// <summary>
    /// Merging points all newer than the history (appended in place) keeps the same points, and maps
    /// to the same coordinates bit for bit, as the sorting merge of the same points (made to take that
    /// path by one old duplicate): a point too close to the newest held is dropped, the oldest go past capacity.
    /// </summary>
    [Fact]
    public void Merge_AllNewer_SamePointsAndMapAsTheSortingMerge()
    {
        var t = LoopFixture.Start;
        var older = Enumerable.Range(0, 150).Select(i => Sample(t.AddSeconds(30 * i), i)).ToList();
        var newer = Enumerable.Range(150, 200).Select(i => Sample(t.AddSeconds((30 * i) + (i == 150 ? -20 : 0)), i)).ToList();
        var appended = new SliHistory(300);
        var sorted = new SliHistory(300);
        var options = Core.Rhythm.RhythmOptions.Default with { Period = TimeSpan.FromHours(2) };
        var slo = new SloObjectives(250, 0.01);
        Core.Rhythm.KnobPosition[] knobs = [new("concurrency_limit", 32, 4, 256)];

        appended.Merge(older, TimeSpan.FromSeconds(15));
        Core.Rhythm.RhythmMapper.Map(appended.Window, options, slo, knobs);
        var addedInPlace = appended.Merge(newer, TimeSpan.FromSeconds(15));
        sorted.Merge(older, TimeSpan.FromSeconds(15));
        var addedSorting = sorted.Merge([older[0], .. newer], TimeSpan.FromSeconds(15));

        Assert.Equal(199, addedInPlace);
        Assert.Equal(199, addedSorting);
        Assert.Equal(sorted.ToArray(), appended.ToArray());
        Assert.Equal(300, appended.Count);
        var a = Core.Rhythm.RhythmMapper.Map(appended.Window, options, slo, knobs).Value!;
        var b = Core.Rhythm.RhythmMapper.Map(sorted.Window, options, slo, knobs).Value!;
        Assert.Equal(b.Features.ToArray(), a.Features.ToArray());
        Assert.Equal(b.Coherence, a.Coherence);

        static SliSample Sample(DateTimeOffset at, int i) => new(at, 100 + (i % 17), 0.001 * (i % 5), 50 + (40 * Math.Sin(i / 20.0)));
    }

    private sealed class SyncProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
