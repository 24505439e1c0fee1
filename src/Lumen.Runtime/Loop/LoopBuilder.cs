using System.Collections.Immutable;
using Lumen.Core.Adjustments;
using Lumen.Core.Decisions.Reward;
using Lumen.Core.Ledger;
using Lumen.Core.Sli;
using Lumen.Runtime.Crash;

namespace Lumen.Runtime.Loop;

/// <summary>
/// The one place the loop is composed: checks that every service has a canary executor, loads the
/// bandits (<c>models/linucb.json</c>), rebuilds the <see cref="AdjustmentBook"/> and the services'
/// canary history from the ledger (starting from the snapshot when it matches the chain), writes
/// <c>config.loaded</c>, and returns the loop. <c>lumen demo</c>, <c>lumen run</c>, the crash
/// harness and the tests all start here.
/// </summary>
public static class LoopBuilder
{
    public static async Task<ControlLoop> BuildAsync(LoopOptions options, LoopPorts ports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ports);
        var stage = options.StageConfig;
        var services = options.Config.Services.Services;
        var missing = services.Where(s => !ports.CanaryExecutors.ContainsKey(s.Name)).Select(s => s.Name).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"no canary executor for service(s): {string.Join(", ", missing)}");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.HistoryCapacity, 1);
        var holdings = new Coordination.HoldingsCell(
            Core.Coordination.Holdings.None(ports.Coordinator.ReplicaId, "no refresh yet"));
        if (ports.Coordinator is not Core.Coordination.LocalCoordinator)
        {
            // Every write is checked against the latest claims first (docs/scale-out.md, "Fencing").
            ports = ports with
            {
                CanaryExecutors = ports.CanaryExecutors.ToDictionary(
                    kv => kv.Key, kv => (IExecutor)new Coordination.FencedExecutor(kv.Value, kv.Key, holdings, ports.Time), StringComparer.Ordinal),
            };
        }

        var crash = CrashHook.Parse(options.CrashAt, options.CrashAction);
        // The reward model `lumen train-reward` wrote into the state directory, unless one is given.
        var rewardJson = options.RewardModelJson
            ?? await ports.StateFiles.ReadAsync(Training.RewardTrainer.ModelFile, cancellationToken).ConfigureAwait(false);
        var rewardModel = LoadRewardModel(rewardJson);
        var (models, notes) = await BanditStore.LoadAsync(ports.StateFiles, services, options.BanditSeed, cancellationToken).ConfigureAwait(false);
        if (rewardModel is not null)
        {
            notes.Add(FormattableString.Invariant(
                $"reward model loaded ({Training.RewardTrainer.ModelFile}, dimension {rewardModel.Dimension}); mixed in with λ {stage.Policy.RewardMixLambda}"));
        }

        Dictionary<string, Core.Decisions.Tuner.TrialTuner>? tuners = null;
        if (options.Tuner == TunerKind.Lumen)
        {
            (tuners, var tunerNotes) = await TunerStore.LoadAsync(ports.StateFiles, services, options.Tuning, options.BanditSeed, cancellationToken)
                .ConfigureAwait(false);
            notes.AddRange(tunerNotes);
        }

        var memories = services.Select(s => new ServiceMemory(s, new SliHistory(options.HistoryCapacity), models[s.Name], tuners?[s.Name])).ToList();
        var (book, snapshotNote) = await RebuildAsync(ports, memories, cancellationToken).ConfigureAwait(false);
        if (snapshotNote is not null)
        {
            notes.Add(snapshotNote);
        }

        var loop = new ControlLoop(options, ports, crash, book, memories, rewardModel, holdings);
        if (options.HistorySource is not null && book.Open.Count > 0)
        {
            // A restart may owe restores that are due now: they do not wait for the backfill.
            await loop.RestoreDueAtStartAsync(cancellationToken).ConfigureAwait(false);
        }

        notes.AddRange(await HistoryWarmUp.RunAsync(options, ports, memories, cancellationToken).ConfigureAwait(false));
        var entry = await ports.Ledger.AppendAsync(new LedgerDraft(LedgerKinds.ConfigLoaded, options.Stage, null, options.Actor,
            LedgerData.From(new Dictionary<string, object?>
            {
                ["stage"] = options.Stage,
                ["config_sha256"] = options.ConfigSha256,
                ["dry_run"] = options.EffectiveDryRun,
                ["tuner"] = options.Tuner == TunerKind.Lumen ? "lumen" : "linucb",
                ["policy"] = stage.Policy,
                ["slo"] = stage.Slo,
                ["services"] = services.Select(s => s.Name).ToArray(),
                ["notes"] = notes.ToArray(),
                ["open_adjustments"] = loop.Book.Open.Count,
            })), cancellationToken).ConfigureAwait(false);
        loop.Folded(entry);
        return loop;
    }

    /// <summary>
    /// Folds the ledger. A snapshot is used only when the ledger's entry at its seq has its hash;
    /// otherwise (a different or rewritten ledger, a snapshot from the future) it is ignored and the
    /// whole ledger is folded. Observations after the starting point refill the canary history.
    /// </summary>
    private static async Task<(AdjustmentBook Book, string? Note)> RebuildAsync(LoopPorts ports, List<ServiceMemory> memories,
        CancellationToken cancellationToken)
    {
        string? note = null;
        var start = AdjustmentBook.Empty;
        if (await ports.StateFiles.ReadAsync(AdjustmentSnapshot.FileName, cancellationToken).ConfigureAwait(false) is { } json)
        {
            var snapshot = AdjustmentSnapshot.FromJson(json, out var error);
            if (snapshot is null)
            {
                note = $"adjustment snapshot ignored: {error}";
            }
            else if (snapshot.Seq > 0 && snapshot.Seq <= ports.Ledger.Head.Seq
                     && await EntryHashAsync(ports.Ledger, snapshot.Seq, cancellationToken).ConfigureAwait(false) == snapshot.Hash)
            {
                start = snapshot.ToBook();
            }
            else
            {
                note = $"adjustment snapshot at seq {snapshot.Seq} does not match the ledger; folding the whole ledger";
            }
        }

        var book = start;
        await foreach (var entry in ports.Ledger.ReadAsync(start.Seq + 1, cancellationToken).ConfigureAwait(false))
        {
            book = book.Apply(entry);
            if (entry.Kind == LedgerKinds.Observation && memories.FirstOrDefault(m => m.Service.Name == entry.Service) is { } memory)
            {
                AddObservation(memory, entry);
            }
        }

        return (book, note);
    }

    private static async Task<string?> EntryHashAsync(ILedgerStore ledger, long seq, CancellationToken cancellationToken)
    {
        await foreach (var entry in ledger.ReadAsync(seq, cancellationToken).ConfigureAwait(false))
        {
            return entry.Seq == seq ? entry.Hash : null;
        }

        return null;
    }

    private static void AddObservation(ServiceMemory memory, LedgerEntry entry)
    {
        if (!entry.Data.TryGetProperty("tracks", out var tracks) || !tracks.TryGetProperty(SliTracks.Canary, out var canary))
        {
            return;
        }

        double Value(string name) => canary.Number(name) ?? double.NaN;
        var sample = new SliSample(entry.Ts, Value("p95_ms"), Value("error_rate"), Value("rps"));
        if (SliSample.IsUsable(sample.P95Ms) || SliSample.IsUsable(sample.ErrorRate) || SliSample.IsUsable(sample.Rps))
        {
            memory.History.Add(sample);
        }
    }

    private static RidgeRewardModel? LoadRewardModel(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var loaded = RidgeRewardModel.FromJson(json);
        return loaded.IsOk ? loaded.Value : throw new ArgumentException($"reward model: {loaded.Error}");
    }
}
