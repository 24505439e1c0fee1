using Lumen.Core.Decisions.Tuner;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;

namespace Lumen.Runtime.Loop;

/// <summary>
/// What the loop runs with: the validated config, the stage, and the loop's own settings. Every
/// default is documented here and in docs/loop.md. <c>lumen demo</c>, <c>lumen run</c>, the crash
/// harness and the tests all build the loop from these options and a <see cref="LoopPorts"/>.
/// </summary>
public sealed record LoopOptions(LumenConfig Config, string Stage)
{
    /// <summary>The stage's config; throws when the stage does not exist (validation should have caught it).</summary>
    public StageConfig StageConfig =>
        Config.StageMatrix.Find(Stage) ?? throw new ArgumentException($"stage '{Stage}' is not in stage_matrix.yaml");

    /// <summary>Shadow mode: decide, guard and write <c>shadow</c>, never execute. Default: the stage's <c>dry_run</c> (after <c>DRY_RUN</c>).</summary>
    public bool? DryRun { get; init; }

    /// <summary>Shadow mode as the loop uses it.</summary>
    public bool EffectiveDryRun => DryRun ?? StageConfig.Policy.DryRun;

    /// <summary>How the mapper reads the history. Default <see cref="RhythmOptions.Default"/> (24 h period).</summary>
    public RhythmOptions Rhythm { get; init; } = RhythmOptions.Default;

    /// <summary>Canary samples kept per service for the mapper. Default 2880 (a day at 30 s).</summary>
    public int HistoryCapacity { get; init; } = 2880;

    /// <summary>The adjustment snapshot is written every this many ticks (0 = never). Default 100.</summary>
    public int SnapshotEveryTicks { get; init; } = 100;

    /// <summary>The first retry delay after a failed restore; doubled per attempt. Default: the stage's interval.</summary>
    public TimeSpan? RollbackBackoffBase { get; init; }

    /// <summary>The longest delay between restore attempts. Default 10 minutes.</summary>
    public TimeSpan RollbackBackoffMax { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Who this loop is when it takes a target's lease. Default <c>lumen</c>; <c>lumen run</c> uses <c>host:state-dir</c>.</summary>
    public string LeaseHolder { get; init; } = "lumen";

    /// <summary>How long a lease lasts unless renewed (every tick renews it). Default: 3 intervals, at least 15 s.</summary>
    public TimeSpan? LeaseTtl { get; init; }

    /// <summary>The lease's ttl as the loop uses it.</summary>
    public TimeSpan EffectiveLeaseTtl => LeaseTtl ?? TimeSpan.FromTicks(Math.Max(3 * StageConfig.Policy.Interval.Ticks, TimeSpan.FromSeconds(15).Ticks));

    /// <summary>The seed of the bandits' tie-breaking. Default 0.</summary>
    public ulong BanditSeed { get; init; }

    /// <summary>The actor written on the loop's ledger entries. Default <c>lumen</c>.</summary>
    public string Actor { get; init; } = "lumen";

    /// <summary>SHA-256 of the config files, for <c>config.loaded</c>; null when the caller has none.</summary>
    public string? ConfigSha256 { get; init; }

    /// <summary>The reward model JSON written by <c>lumen train-reward</c>; null = none (λ acts as 0).</summary>
    public string? RewardModelJson { get; init; }

    /// <summary>The tuner of the decide step. Default <see cref="TunerKind.Lumen"/>, the value-level tuner.</summary>
    public TunerKind Tuner { get; init; } = TunerKind.Lumen;

    /// <summary>The value-level tuner's settings (docs/bandit.md). Default <see cref="TunerSettings.Default"/>.</summary>
    public TunerSettings Tuning { get; init; } = TunerSettings.Default;

    /// <summary>
    /// How long a trial (or a hold) is measured once its knobs have settled, for every knob; null
    /// (the default) = each knob's <c>measure_seconds</c> (300 unless set): the longest of the knobs
    /// a trial moves, the shortest of all for a hold.
    /// </summary>
    public TimeSpan? TrialMeasure { get; init; }

    /// <summary>Chooses the arm in the decide step; null = LinUCB's own choice (the default). The tuner benchmark's seam.</summary>
    public IArmPolicy? ArmPolicy { get; init; }

    /// <summary>
    /// Where the start-up backfill reads the canary history the loop did not observe itself (docs/live.md,
    /// "Backfill"); null = no backfill (the simulator and the tests start empty). Default null.
    /// </summary>
    public IHistorySource? HistorySource { get; init; }

    /// <summary>Points per series in one backfill query. Default 11,000: Prometheus refuses more per range query.</summary>
    public int BackfillChunkPoints { get; init; } = 11_000;

    /// <summary>
    /// How far back the backfill reads every SLI; older history is read for rps only (the harmonic fit and
    /// the load's high-water mark need it; latency and errors weigh in the mapper only through coherence,
    /// whose recency weights make points this old count less than 2⁻⁸). Default null: 8 coherence half-lives (4 h).
    /// </summary>
    public TimeSpan? BackfillAllSlisFor { get; init; }

    /// <summary>Backfill chunks read at once. Default 4.</summary>
    public int BackfillParallelism { get; init; } = 4;

    /// <summary>
    /// Keep the mappers' history in the state directory (<c>history/canary.json</c>): read at start,
    /// written every <see cref="HistorySaveEveryTicks"/> ticks and by <see cref="ControlLoop.WriteHistoryAsync"/>
    /// at shutdown. Default false (the simulator and the harness do not keep it); <c>lumen run</c> sets it.
    /// </summary>
    public bool KeepHistory { get; init; }

    /// <summary>With <see cref="KeepHistory"/>, the history is saved every this many ticks. Default 10.</summary>
    public int HistorySaveEveryTicks { get; init; } = 10;

    /// <summary>
    /// The value-level tuner's state (<c>models/tuner.json</c>, every service's model) is written after a
    /// learnt block at most every this many ticks, and by <see cref="ControlLoop.WriteTunerAsync"/> at
    /// shutdown. Default 10 (5 minutes at 30 s): the file holds every service's blocks, so writing it
    /// after every block cost O(services) per tick; a crash loses at most the blocks of the last 10 ticks
    /// from the model (their verdicts are in the ledger). 1 = after every learnt block.
    /// </summary>
    public int TunerSaveEveryTicks { get; init; } = 10;

    /// <summary>Knob read-backs of different services done at once in the collect step. Default 16.</summary>
    public int KnobReadParallelism { get; init; } = 16;

    /// <summary>Start-up lines (backfill progress and summary) for a person watching; null = none.</summary>
    public IProgress<string>? StartLog { get; init; }

    /// <summary>The mapper's options for one service: <see cref="Rhythm"/> with the service's <c>rhythm_period</c>.</summary>
    public RhythmOptions RhythmFor(ServiceConfig service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.RhythmPeriod is { } period ? Rhythm with { Period = period.Value } : Rhythm;
    }

    /// <summary>The raw <c>LUMEN_CRASH_AT</c> value (test hook); null = none.</summary>
    public string? CrashAt { get; init; }

    /// <summary>Replaces the crash hook's process exit (unit tests of the hook).</summary>
    public Action<Crash.CrashPoint>? CrashAction { get; init; }
}
