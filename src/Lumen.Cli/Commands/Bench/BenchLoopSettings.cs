using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Bench;

/// <summary>Arguments of <c>lumen bench loop</c>.</summary>
internal sealed class BenchLoopSettings : CommandSettings
{
    [CommandOption("--services <N>")]
    [Description("Simulated services (the shipped shape, repeated), 1 to 100000 (default 1000).")]
    [DefaultValue(1000)]
    public int Services { get; init; } = 1000;

    [CommandOption("--days <D>")]
    [Description("Days of history backfilled before the first tick (the history's capacity), at least 0.5 so the mapper acts, at most 7 (default 1).")]
    [DefaultValue(1.0)]
    public double Days { get; init; } = 1.0;

    [CommandOption("--ticks <N>")]
    [Description("Measured ticks after the warm-up (default 10).")]
    [DefaultValue(10)]
    public int Ticks { get; init; } = 10;

    [CommandOption("--warmup <N>")]
    [Description("Unmeasured ticks first (default 3).")]
    [DefaultValue(3)]
    public int WarmUp { get; init; } = 3;

    [CommandOption("--seed <N>")]
    [Description("Simulator and tuner seed (default 1).")]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    [CommandOption("--prometheus <URL>")]
    [Description("The live variant: read the SLIs of services svc000… from this Prometheus (bench/live-loop/run.sh fills one) instead of the simulator.")]
    public string? Prometheus { get; init; }

    [CommandOption("--at <UNIX>")]
    [Description("With --prometheus (required there): the time (Unix seconds) the last measured tick reads; the data must cover the ticks before it.")]
    public long? At { get; init; }

    [CommandOption("--alloc-types <N>")]
    [Description("Also report the N types that allocated most per tick, sampled by the runtime (a JIT build only; 0, the default, for none).")]
    [DefaultValue(0)]
    public int AllocTypes { get; init; }

    [CommandOption("--json")]
    [Description("Print the result as JSON.")]
    public bool Json { get; init; }
}
