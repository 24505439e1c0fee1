using System.Collections.Immutable;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>
/// One run of one policy: the canary's true (noise-free) health summed over ticks and services
/// (<see cref="Reward"/>) and per simulated hour (<see cref="HourlyReward"/>, hour by hour, not
/// cumulative, grouped as <see cref="RunTicks"/> says), the canary's SLO-violation minutes (true
/// health &lt; 1), its mean SLO margin (<see cref="SloMargin"/>) and what the loop did.
/// </summary>
internal sealed record TunerRunResult(
    string Environment,
    string Policy,
    int Seed,
    double Reward,
    ImmutableArray<double> HourlyReward,
    double SloViolationMinutes,
    double SloMargin,
    long Decisions,
    long Adjustments,
    long BrakeRollbacks,
    long Expired,
    long Rewards,
    string? Models);
