using System.Collections.Immutable;

namespace Lumen.Cli.Bench.Tuner.Anchors;

/// <summary>
/// The anchors of one service over one run's ticks (<see cref="RunTicks"/>), each the canary's
/// noise-free steady health summed per hour: with the knob defaults (<see cref="StaticHourly"/>),
/// with the best fixed configuration (<see cref="BestFixed"/>, <see cref="BestFixedHourly"/>) and
/// with the best configuration of each hour (<see cref="Schedule"/>, <see cref="ScheduleHourly"/>).
/// <see cref="Evaluations"/>: objective evaluations of the searches; <see cref="Elapsed"/>: their time.
/// </summary>
internal sealed record ServiceAnchor(
    string Service,
    ImmutableArray<KnobSetting> BestFixed,
    ImmutableArray<double> StaticHourly,
    ImmutableArray<double> BestFixedHourly,
    ImmutableArray<ImmutableArray<KnobSetting>> Schedule,
    ImmutableArray<double> ScheduleHourly,
    int Evaluations,
    TimeSpan Elapsed);
