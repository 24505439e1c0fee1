using System.Collections.Immutable;

namespace Lumen.Runtime.Loop;

/// <summary>
/// The mappers' history at start (docs/live.md, "Warm-up"): after the ledger's observations, the saved
/// history file (when <see cref="LoopOptions.KeepHistory"/>), then the backfill of what is still
/// missing from the <see cref="LoopOptions.HistorySource"/>. Returns the notes for <c>config.loaded</c>.
/// </summary>
internal static class HistoryWarmUp
{
    public static async Task<ImmutableArray<string>> RunAsync(LoopOptions options, LoopPorts ports, IReadOnlyList<ServiceMemory> memories,
        CancellationToken cancellationToken)
    {
        var notes = ImmutableArray.CreateBuilder<string>();
        var step = options.StageConfig.Policy.Interval;
        if (options.KeepHistory && await ports.StateFiles.ReadAsync(HistoryFile.Name, cancellationToken).ConfigureAwait(false) is { } json)
        {
            var (saved, error) = HistoryFile.FromJson(json);
            if (saved is null)
            {
                notes.Add($"saved history ({HistoryFile.Name}) ignored: {error}");
            }
            else
            {
                var added = memories.Sum(m => saved.TryGetValue(m.Service.Name, out var samples) ? m.History.Merge(samples, step / 2) : 0);
                notes.Add($"saved history ({HistoryFile.Name}): {added} point(s) restored");
            }
        }

        if (options.HistorySource is { } source)
        {
            var lines = await HistoryBackfill.RunAsync(memories, options, source, ports.Time.GetUtcNow(), step, options.StartLog, cancellationToken)
                .ConfigureAwait(false);
            foreach (var line in lines)
            {
                options.StartLog?.Report(line);
            }

            notes.AddRange(lines);

            // The backfill's answers (tens of MB per thousand services) are garbage now: hand their
            // memory back to the system once instead of keeping it in the process for its lifetime.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            if (options.KeepHistory)
            {
                // Saved at once, so a crash before the next save does not cost the backfill again.
                await ports.StateFiles.WriteAsync(HistoryFile.Name,
                    HistoryFile.ToJson(memories.Select(m => (m.Service.Name, m.History.ToArray()))), cancellationToken).ConfigureAwait(false);
            }
        }

        return notes.ToImmutable();
    }
}
