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

    /// <summary>How long a trial (or a hold) is measured once its knobs have settled. Default 5 minutes.</summary>
    public TimeSpan TrialMeasure { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Chooses the arm in the decide step; null = LinUCB's own choice (the default). The tuner benchmark's seam.</summary>
    public IArmPolicy? ArmPolicy { get; init; }

    /// <summary>The raw <c>LUMEN_CRASH_AT</c> value (test hook); null = none.</summary>
    public string? CrashAt { get; init; }

    /// <summary>Replaces the crash hook's process exit (unit tests of the hook).</summary>
    public Action<Crash.CrashPoint>? CrashAction { get; init; }
}
