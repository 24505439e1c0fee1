using System.Collections.Immutable;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>
/// One run of one policy: the canary's true (noise-free) health summed over ticks and services
/// (<see cref="Reward"/>), that sum at the end of every simulated hour, the canary's SLO-violation
/// minutes (true health &lt; 1), and what the loop did.
/// </summary>
internal sealed record TunerRunResult(
    string Environment,
    string Policy,
    int Seed,
    double Reward,
    ImmutableArray<double> HourlyReward,
    double SloViolationMinutes,
    long Decisions,
    long Adjustments,
    long BrakeRollbacks,
    long Expired,
    long Rewards,
    string? Models);
