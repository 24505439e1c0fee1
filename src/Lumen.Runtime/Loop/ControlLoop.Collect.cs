using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;
using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>Steps 1–3: collect the SLIs and the knobs' actual values, map, record the observation.</summary>
public sealed partial class ControlLoop
{
    private IReadOnlyDictionary<string, MapperReadiness> _readiness = new Dictionary<string, MapperReadiness>(StringComparer.Ordinal);

    /// <summary>
    /// Per service, whether its mapper had the history it needs at the last tick (thread-safe to read:
    /// each tick publishes a new dictionary and never changes it afterwards).
    /// </summary>
    public IReadOnlyDictionary<string, MapperReadiness> Readiness => Volatile.Read(ref _readiness);

    /// <summary>Collect: one read of every SLI, then every canary (and baseline) knob read back from its executor.</summary>
    private async Task CollectAsync(TickContext tick, CancellationToken cancellationToken)
    {
        try
        {
            tick.Snapshot = await _ports.Sli.ReadAsync(tick.Now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A broken source is "no data": no action, but rollbacks below still happen.
            tick.Problems.Add($"sli source failed: {e.Message}");
        }

        // Keyed once per tick: looking each service up in the list would make the tick O(N²).
        var index = tick.Snapshot?.Index();
        foreach (var service in tick.Services)
        {
            service.Canary = index?.GetValueOrDefault((service.Name, SliTracks.Canary));
            service.Baseline = index?.GetValueOrDefault((service.Name, SliTracks.Baseline));
            Count(service, service.Canary);
            Count(service, service.Baseline);
            if (service.Canary?.FirstProblem is { } problem)
            {
                tick.Problems.Add($"{service.Name}: canary {problem.Sli} is {StatusName(problem.Reading.Status)} ({problem.Reading.Reason})");
            }
            else if (service.Canary is null)
            {
                tick.Problems.Add($"{service.Name}: no canary readings");
            }

        }

        await ReadKnobsAsync(tick, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The knobs of every service's canary (and baseline) read back: one read per target, the services
    /// a few at once (<see cref="LoopOptions.KnobReadParallelism"/>); problems are added in service order.
    /// </summary>
    private async Task ReadKnobsAsync(TickContext tick, CancellationToken cancellationToken)
    {
        // Reads that answer at once (an in-process target) are taken as they are; the others wait
        // in flight, at most KnobReadParallelism services at a time, without a task per service.
        var reads = new (IReadOnlyDictionary<string, ExecutorResult>? Canary, IReadOnlyDictionary<string, ExecutorResult>? Baseline)[tick.Services.Count];
        var limit = Math.Max(1, _options.KnobReadParallelism);
        var inFlight = new List<Task>(limit);
        for (var i = 0; i < tick.Services.Count; i++)
        {
            var service = tick.Services[i];
            var knobs = service.Memory.KnobNames;
            var canary = _ports.CanaryExecutors[service.Name].GetAllAsync(knobs, cancellationToken);
            var baseline = _ports.BaselineExecutors.TryGetValue(service.Name, out var b) ? b.GetAllAsync(knobs, cancellationToken) : null;
            if (canary.IsCompletedSuccessfully && (baseline is null || baseline.IsCompletedSuccessfully))
            {
                reads[i] = (canary.Result, baseline?.Result);
                continue;
            }

            inFlight.Add(CompleteAsync(i, canary, baseline));
            if (inFlight.Count >= limit)
            {
                var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
                inFlight.Remove(done);
                await done.ConfigureAwait(false);
            }
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);

        for (var i = 0; i < tick.Services.Count; i++)
        {
            var service = tick.Services[i];
            foreach (var knob in service.Memory.Service.Knobs)
            {
                var read = reads[i].Canary?.GetValueOrDefault(knob.Name) ?? ExecutorResult.Failed("the executor returned no value", transient: true);
                if (read.IsOk)
                {
                    service.CanaryKnobs[knob.Name] = read.Value;
                }
                else
                {
                    tick.Problems.Add($"{service.Name}: reading canary knob {knob.Name} failed: {read.Reason}");
                }

                if (reads[i].Baseline?.GetValueOrDefault(knob.Name) is { IsOk: true } b)
                {
                    service.BaselineKnobs[knob.Name] = b.Value;
                }
            }
        }

        async Task CompleteAsync(int index, Task<IReadOnlyDictionary<string, ExecutorResult>> canary, Task<IReadOnlyDictionary<string, ExecutorResult>>? baseline) =>
            reads[index] = (await canary.ConfigureAwait(false), baseline is null ? null : await baseline.ConfigureAwait(false));
    }

    /// <summary>
    /// Map: add the canary's Ok readings to the service's history (a reading that is not Ok becomes
    /// NaN, which the mapper skips) and map the history to the rhythm coordinates.
    /// </summary>
    private void Map(TickContext tick)
    {
        var slo = new SloObjectives(_stage.Slo.LatencyP95Ms, _stage.Slo.ErrorRate);
        var readiness = new Dictionary<string, MapperReadiness>(tick.Services.Count, StringComparer.Ordinal);
        foreach (var service in tick.Services)
        {
            if (service.Canary is { } canary && canary.AnyOk)
            {
                service.Memory.History.Add(canary.ToSample(tick.Now));
            }

            var rhythm = service.Memory.Rhythm ??= _options.RhythmFor(service.Memory.Service);
            var history = service.Memory.History.Window;
            history.Prepare(rhythm, slo);
            readiness[service.Name] = MapperReadiness.Of(service.Name, history, rhythm, tick.Now, _stage.Policy.Interval);

            if (!service.AllKnobsRead)
            {
                service.NotMapped = "the canary's knob values could not all be read";
                continue;
            }

            var specs = service.Memory.Service.Knobs;
            var knobs = new KnobPosition[specs.Length];
            for (var k = 0; k < knobs.Length; k++)
            {
                knobs[k] = new KnobPosition(specs[k].Name, service.CanaryKnobs[specs[k].Name], specs[k].Min, specs[k].Max);
            }

            var mapped = RhythmMapper.Map(history, rhythm, slo, knobs);
            service.Coordinates = mapped.Value;
            service.NotMapped = mapped.NotEnoughHistory;
        }

        Volatile.Write(ref _readiness, readiness);
    }

    /// <summary>
    /// The most observation entries the tick builds before appending them: the file store's most
    /// entries per group commit (<c>FileLedgerStoreOptions.MaxBatchEntries</c>' default; docs/ledger.md,
    /// "Durability"), so batching costs no extra <c>fsync</c> there, while the entries a tick holds at
    /// once stop growing with the fleet.
    /// </summary>
    internal const int ObservationBatch = 1024;

    /// <summary>Observe: one <c>observation</c> entry per service (docs/ledger-entries.md), appended together in service order, <see cref="ObservationBatch"/> at a time.</summary>
    private async Task RecordObservationsAsync(TickContext tick, CancellationToken cancellationToken)
    {
        var readiness = Readiness;
        var services = tick.Services;
        for (var start = 0; start < services.Count; start += ObservationBatch)
        {
            var drafts = new LedgerDraft[Math.Min(ObservationBatch, services.Count - start)];
            for (var i = 0; i < drafts.Length; i++)
            {
                var service = services[start + i];
                var data = ObservationData.Of(tick.Tick, service, readiness.GetValueOrDefault(service.Name));
                drafts[i] = new LedgerDraft(LedgerKinds.Observation, _options.Stage, service.Name, _options.Actor, data);
            }

            // In order: each batch is folded into the book before the next is built.
            await AppendAllAsync(tick, drafts, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Count(ServiceTick service, TrackReadings? readings)
    {
        var counters = service.Memory.ReadingCounters;
        for (var i = 0; i < (readings?.ReadingCount ?? 0); i++)
        {
            var (sli, reading) = readings!.ReadingAt(i);
            var slot = ServiceMemory.ReadingSlot(i, reading.Status);
            var counter = slot >= 0 ? counters[slot] : null;
            if (counter is null)
            {
                ref var found = ref CollectionsMarshal.GetValueRefOrAddDefault(_readingCounts, (service.Name, sli, StatusName(reading.Status)), out var existed);
                counter = found ??= new StrongBox<long>();
                if (!existed)
                {
                    _readingKeysSorted = null;
                }

                if (slot >= 0)
                {
                    counters[slot] = counter;
                }
            }

            counter.Value++;
        }
    }

    internal static string StatusName(SliStatus status) => status switch
    {
        SliStatus.Ok => "ok",
        SliStatus.Missing => "missing",
        SliStatus.Stale => "stale",
        SliStatus.Invalid => "invalid",
        SliStatus.Error => "error",
        _ => status.ToString().ToLowerInvariant(),
    };
}
