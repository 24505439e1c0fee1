using System.Collections.Immutable;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>
/// One policy on one environment over its seeds (docs/benchmarks-tuner.md "Measures"). Rewards are
/// sums of the canary's true health per tick and service. <see cref="GapClosed"/>: (reward − static)
/// ÷ (best_fixed − static) against the anchors of the same seeds (± the standard error of the
/// per-seed values); <see cref="HoursAtLeast095Static"/>: the share of (seed, hour) pairs whose
/// hour's reward is ≥ 0.95 × the static anchor's in that hour; <see cref="LearningCurve"/>: the gap
/// closed in each simulated day. The paired differences are per seed (same load and noise) against
/// the static and oracle runs, NaN when that policy was not run; <see cref="GapClosedPaired"/> and
/// <see cref="HoursAtLeast095StaticRun"/> measure against the static run of the same seed instead
/// of the static anchor (the run sees the per-tick load noise the anchors average out). NaN where
/// a value is undefined (e.g. no gap to close).
/// </summary>
internal sealed record TunerPolicySummary(
    string Environment,
    string Policy,
    int Seeds,
    double Reward,
    double GapClosed,
    double GapClosedStdError,
    double GapClosedPaired,
    double HoursAtLeast095Static,
    double HoursAtLeast095StaticRun,
    double WorstHourRatioToStatic,
    ImmutableArray<double> LearningCurve,
    double PairedDiffVsStatic,
    double PairedDiffVsStaticStdError,
    double RegretVsOracle,
    double RegretVsOracleStdError,
    double SloMargin,
    double SloViolationMinutes,
    double Adjustments,
    double BrakeRollbacks,
    double Expired,
    double Rewards);
