using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;
using Lumen.Core.Publishing;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>Steps 10–12: publish the metrics, write the <c>tick</c> entry, and now and then the snapshot.</summary>
public sealed partial class ControlLoop
{
    private async Task PublishAsync(TickContext tick, CancellationToken cancellationToken)
    {
        var elapsed = _ports.Time.GetElapsedTime(tick.StartTimestamp);
        _lastSuccessUnixSeconds = tick.Now.ToUnixTimeMilliseconds() / 1000.0;
        var result = await _ports.Metrics.PublishAsync(Snapshot(tick, elapsed), cancellationToken).ConfigureAwait(false);
        if (!result.IsOk)
        {
            tick.Problems.Add($"publishing metrics failed: {result.Reason}");
        }
    }

    /// <summary>
    /// Publishes the metrics outside a tick (after a ledger write failure stopped one), so the fault
    /// is visible (<c>lumen_ledger_write_failures_total</c>) even though the tick did not finish.
    /// </summary>
    public async Task<PublishResult> PublishFaultAsync(CancellationToken cancellationToken)
    {
        var tick = new TickContext(NextTick, _ports.Time.GetUtcNow(), _ports.Time.GetTimestamp(), [.. _services.Select(s => new ServiceTick(s))]);
        return await _ports.Metrics.PublishAsync(Snapshot(tick, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
    }

    private MetricsSnapshot Snapshot(TickContext tick, TimeSpan elapsed)
    {
        // Built with loops into arrays of their final size: this runs every tick for every service.
        // Sized exactly, so that draining them hands over the arrays instead of copying them.
        var (trackCount, readingCount) = (0, 0);
        foreach (var service in tick.Services)
        {
            trackCount += (service.Baseline is null ? 0 : 1) + (service.Canary is null ? 0 : 1);
            readingCount += (service.Baseline?.ReadingCount ?? 0) + (service.Canary?.ReadingCount ?? 0);
        }

        var tracks = ImmutableArray.CreateBuilder<TrackMetrics>(trackCount);
        var readings = ImmutableArray.CreateBuilder<SliReadingMetric>(readingCount);
        var outcomes = ImmutableArray.CreateBuilder<AdjustmentOutcomeCount>(AdjustmentBook.Outcomes.Length * tick.Services.Count);
        foreach (var service in tick.Services)
        {
            Add(service.Baseline);
            Add(service.Canary);
            for (var i = 0; i < AdjustmentBook.Outcomes.Length; i++)
            {
                outcomes.Add(new AdjustmentOutcomeCount(service.Name, AdjustmentBook.Outcomes[i], _book.Count(service.Memory.OutcomeKeys[i])));
            }
        }

        var readiness = Readiness;
        var services = ImmutableArray.CreateBuilder<ServiceMetrics>(tick.Services.Count);
        foreach (var s in tick.Services)
        {
            var ready = readiness.GetValueOrDefault(s.Name);
            var open = _book.OpenCount(s.Name);
            services.Add(new ServiceMetrics(
                s.Name,
                CoherenceRatio: Finite(s.Coordinates?.Coherence),
                PhaseRadians: Finite(s.Coordinates?.Phase),
                RhythmStrengthRatio: Finite(s.Coordinates?.RhythmStrength),
                ActiveAdjustments: open,
                BanditReward: s.Memory.LastReward,
                MapperReady: ready?.Ready,
                MapperHistorySeconds: ready?.History.TotalSeconds,
                AdjustmentConflicts: _book.Count(s.Memory.OutcomeKeys[ConflictOutcome]),
                RollbacksFailing: open == 0 ? 0 : _book.OpenOf(s.Name).Count(a => a.RollbackAttempts > 0),
                LeaseHeld: _ports.Leases.ContainsKey(s.Name) ? HoldsLease(s.Name) : null));
        }

        var counts = ReadingKeysSorted();
        var readingCounts = ImmutableArray.CreateBuilder<SliReadingCount>(counts.Length);
        foreach (var (k, count) in counts)
        {
            readingCounts.Add(new SliReadingCount(k.Service, k.Sli, k.Status, count.Value));
        }

        var snapshot = new MetricsSnapshot
        {
            Tracks = tracks.MoveToImmutable(),
            Readings = readings.MoveToImmutable(),
            Services = services.MoveToImmutable(),
            AdjustmentOutcomes = outcomes.MoveToImmutable(),
            SliReadingCounts = readingCounts.MoveToImmutable(),
            Stage = _options.Stage,
            LedgerHeadSeq = _ports.Ledger.Head.Seq,
            LedgerHeadHash = _ports.Ledger.Head.Hash,
            LoopLastSuccessUnixSeconds = _lastSuccessUnixSeconds,
            TickDurationSeconds = elapsed.TotalSeconds,
            LedgerWriteFailures = LedgerWriteFailures,
        };
        return snapshot;

        void Add(TrackReadings? r)
        {
            if (r is null)
            {
                return;
            }

            tracks.Add(new TrackMetrics(r.Service, r.Track,
                r.P95Ms.IsOk ? r.P95Ms.Value / 1000.0 : null,
                r.ErrorRate.IsOk ? r.ErrorRate.Value : null,
                r.Rps.IsOk ? r.Rps.Value : null));
            for (var i = 0; i < r.ReadingCount; i++)
            {
                var (sli, reading) = r.ReadingAt(i);
                readings.Add(new SliReadingMetric(r.Service, r.Track, sli, reading.IsOk, StatusName(reading.Status)));
            }
        }
    }

    private static readonly int ConflictOutcome = AdjustmentBook.Outcomes.IndexOf("conflict");

    // The counters' keys in order, sorted again only when a new key appears (sorting them every tick was O(N log N) per tick).
    private KeyValuePair<(string Service, string Sli, string Status), StrongBox<long>>[]? _readingKeysSorted;

    private KeyValuePair<(string Service, string Sli, string Status), StrongBox<long>>[] ReadingKeysSorted() =>
        _readingKeysSorted ??= [.. _readingCounts.OrderBy(kv => kv.Key)];

    private async Task RecordTickAsync(TickContext tick, CancellationToken cancellationToken)
    {
        var elapsed = _ports.Time.GetElapsedTime(tick.StartTimestamp);
        await AppendAsync(tick, LedgerKinds.Tick, null, LedgerData.From(new Dictionary<string, object?>
        {
            ["tick"] = tick.Tick,
            ["duration_ms"] = Math.Round(elapsed.TotalMilliseconds, 3),
            ["ok"] = tick.Problems.Count == 0,
            ["actions"] = tick.Actions,
            ["problems"] = tick.Problems.ToArray(),
        }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every <see cref="LoopOptions.SnapshotEveryTicks"/> ticks the book is saved with the seq and hash it covers.</summary>
    private async Task SnapshotIfDueAsync(TickContext tick, CancellationToken cancellationToken)
    {
        if (_options.SnapshotEveryTicks > 0 && tick.Tick % _options.SnapshotEveryTicks == 0)
        {
            await WriteSnapshotAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_options.KeepHistory && _options.HistorySaveEveryTicks > 0 && tick.Tick % _options.HistorySaveEveryTicks == 0)
        {
            await WriteHistoryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Saves the mappers' history (<c>history/canary.json</c>) now; a no-op unless <see cref="LoopOptions.KeepHistory"/>.</summary>
    public Task WriteHistoryAsync(CancellationToken cancellationToken) => _options.KeepHistory
        ? _ports.StateFiles.WriteAsync(HistoryFile.Name, HistoryFile.ToJson(_services.Select(s => (s.Service.Name, s.History.ToArray()))), cancellationToken)
        : Task.CompletedTask;

    /// <summary>Saves the adjustment snapshot now (also used at shutdown).</summary>
    public Task WriteSnapshotAsync(CancellationToken cancellationToken) =>
        _ports.StateFiles.WriteAsync(AdjustmentSnapshot.FileName, AdjustmentSnapshot.Of(_book).ToJson(), cancellationToken);

}
