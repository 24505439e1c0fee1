using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>
/// The start-up backfill (docs/live.md, "Backfill"): for every service, the holes of its canary
/// history in the last period (all of it on a first start, the time the process was down after a
/// restart) are read from the <see cref="IHistorySource"/> in chunks of at most
/// <see cref="LoopOptions.BackfillChunkPoints"/> points per series, a few chunks at once, and merged
/// into the history. What could not be read is reported; nothing is invented: a point the source did
/// not give stays absent.
/// </summary>
internal static class HistoryBackfill
{
    public static async Task<ImmutableArray<string>> RunAsync(
        IReadOnlyList<ServiceMemory> memories,
        LoopOptions options,
        IHistorySource source,
        DateTimeOffset now,
        TimeSpan step,
        IProgress<string>? log,
        CancellationToken cancellationToken)
    {
        var lines = ImmutableArray.CreateBuilder<string>();
        var windows = memories.ToDictionary(m => m.Service.Name, m => now - options.RhythmFor(m.Service).Period, StringComparer.Ordinal);
        var holes = memories
            .SelectMany(m => HistoryGaps.Find(m.History.ToArray(), windows[m.Service.Name], now, step))
            .OrderBy(g => g.From)
            .ToList();
        if (holes.Count == 0)
        {
            lines.Add("backfill: the saved history already covers the period of every service; nothing to read");
            return lines.ToImmutable();
        }

        // Every hole of every service, merged, on a grid that ends at now with one point per loop
        // interval (like the ticks that follow), cut into chunks of at most BackfillChunkPoints points.
        // Grid points older than `detail` steps are read for rps only; a chunk never straddles that line.
        var chunks = new List<(DateTimeOffset Start, DateTimeOffset End, bool RpsOnly)>();
        var range = TimeSpan.Zero;
        var detail = (long)Math.Floor((options.BackfillAllSlisFor ?? (8 * options.Rhythm.CoherenceHalfLife)).Ticks / (double)step.Ticks);
        foreach (var (from, to) in Merge(holes, step))
        {
            var first = (long)Math.Ceiling((now - from).Ticks / (double)step.Ticks);
            var last = Math.Max(0, (long)Math.Floor((now - to).Ticks / (double)step.Ticks));
            var perChunk = Math.Max(1, options.BackfillChunkPoints);
            for (var i = first; i >= last;)
            {
                var rpsOnly = i > detail;
                var end = Math.Max(Math.Max(last, i - perChunk + 1), rpsOnly ? detail + 1 : 0);
                chunks.Add((now - (step * i), now - (step * end), rpsOnly));
                i = end - 1;
            }

            range += step * (first - last + 1);
        }

        var clock = Stopwatch.StartNew();
        var done = 0;
        var covered = TimeSpan.Zero;
        using var gate = new SemaphoreSlim(Math.Max(1, options.BackfillParallelism));
        var results = await Task.WhenAll(chunks.Select(async chunk =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                HistoryChunk read;
                try
                {
                    read = await source.ReadAsync(chunk.Start, chunk.End, step, chunk.RpsOnly, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    read = HistoryChunk.Failed($"reading {Utc(chunk.Start)}–{Utc(chunk.End)} failed: {e.Message}");
                }

                lock (chunks)
                {
                    done++;
                    covered += chunk.End - chunk.Start + step;
                    log?.Report(new BackfillProgress(done, chunks.Count, Min(covered, range), range, clock.Elapsed).ToString());
                }

                return read;
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        lines.Add(FormattableString.Invariant(
            $"backfill: read {MapperReadiness.Hours(range)} of history at a {step.TotalSeconds:0.###} s step in {chunks.Count} chunk(s) in {clock.Elapsed.TotalSeconds:0.00} s"));
        foreach (var memory in memories)
        {
            var name = memory.Service.Name;
            var window = windows[name];
            var incoming = results
                .SelectMany(r => r.Samples.TryGetValue(name, out var s) ? s : [])
                .Where(s => s.Timestamp >= window && s.Timestamp <= now && SliHistory.Useful(s))
                .ToList();
            var added = memory.History.Merge(incoming, step / 2);
            var rhythm = options.RhythmFor(memory.Service);
            var readiness = MapperReadiness.Of(name, memory.History.ToArray(), rhythm, now, step);
            lines.Add(incoming.Count == 0
                ? $"backfill: {name}: no canary history in the source for the last {MapperReadiness.Hours(rhythm.Period)} (series missing, or every point unusable); mapper {readiness.Describe()}"
                : $"backfill: {name}: {added} point(s) added; mapper {readiness.Describe()}");
            var gaps = HistoryGaps.Find(memory.History.ToArray(), window, now, step);
            if (incoming.Count > 0 && gaps.Count > 0)
            {
                var total = gaps.Aggregate(TimeSpan.Zero, (sum, g) => sum + (g.To - g.From));
                lines.Add($"backfill: {name}: {gaps.Count} gap(s) left, {MapperReadiness.Hours(total)} in all; largest: " + string.Join(", ",
                    gaps.OrderByDescending(g => g.To - g.From).Take(3).Select(g => $"{Utc(g.From)}–{Utc(g.To)}")));
            }
        }

        var problems = results.SelectMany(r => r.Problems).Distinct(StringComparer.Ordinal).ToList();
        lines.AddRange(problems.Take(5).Select(p => $"backfill problem: {p}"));
        if (problems.Count > 5)
        {
            lines.Add($"backfill: {problems.Count - 5} more problem(s) not shown");
        }

        return lines.ToImmutable();
    }

    /// <summary>Overlapping or touching holes (of different services) become one range to read.</summary>
    private static List<(DateTimeOffset From, DateTimeOffset To)> Merge(List<(DateTimeOffset From, DateTimeOffset To)> sorted, TimeSpan step)
    {
        var merged = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var hole in sorted)
        {
            if (merged.Count > 0 && hole.From <= merged[^1].To + step)
            {
                merged[^1] = (merged[^1].From, hole.To > merged[^1].To ? hole.To : merged[^1].To);
            }
            else
            {
                merged.Add(hole);
            }
        }

        return merged;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
