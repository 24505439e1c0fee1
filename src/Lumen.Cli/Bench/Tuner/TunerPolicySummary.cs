namespace Lumen.Cli.Bench.Tuner;

/// <summary>
/// One policy on one environment, averaged over seeds. Rewards are sums of the canary's true
/// health per tick and service; <see cref="GainOverStatic"/> and <see cref="Regret"/> are the
/// per-seed differences to the static and oracle runs of the same seed (same load, same noise),
/// averaged. <see cref="WorstHourlyRatioToStatic"/>: the smallest, over seeds and simulated hours,
/// of this policy's cumulative reward divided by static's at that hour.
/// </summary>
internal sealed record TunerPolicySummary(
    string Environment,
    string Policy,
    int Seeds,
    double Reward,
    double GainOverStatic,
    double Regret,
    double RegretStdError,
    double SloViolationMinutes,
    double Adjustments,
    double BrakeRollbacks,
    double Expired,
    double Rewards,
    double WorstHourlyRatioToStatic);
